package org.fanzha.text.url;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds URLs and bare domains in free text, including Chinese text with no spaces around them.
 *
 * <p>A run of URL characters counts when it starts with a scheme or {@code www.}, is a dotted IPv4
 * address, or ends its host in a known top-level domain with a letter somewhere before it. So
 * {@code 3.5元} and the 80w corpus's masked {@code x.x} are not links, while {@code
 * icbc-bank.com.cn.xyz/login} and {@code t.cn/A6xyz} are.
 */
public final class UrlFinder {

  private static final Set<String> TLDS =
      Set.of(
          "com", "cn", "net", "org", "gov", "edu", "info", "biz", "top", "xyz", "vip", "club",
          "icu", "cc", "tk", "ml", "ga", "cf", "gq", "work", "loan", "win", "bid", "live", "site",
          "online", "buzz", "fun", "ltd", "cyou", "rest", "monster", "sbs", "cfd", "bond", "shop",
          "store", "pw", "ws", "click", "link", "asia", "ink", "kim", "wang", "red", "me", "io",
          "co", "ly", "gd", "im", "so", "gg", "id", "nu", "at", "hk", "tw", "mo", "uk", "jp", "us",
          "ru", "app", "dev", "tv", "la", "in", "sg", "my", "kr", "de", "fr");

  private UrlFinder() {}

  /** Returns the URLs in {@code text}, in order. */
  public static List<UrlSpan> find(String text) {
    List<UrlSpan> out = null;
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isUrlChar(text.charAt(i))) {
        i++;
        continue;
      }
      int j = i;
      boolean dot = false;
      while (j < n && isUrlChar(text.charAt(j))) {
        dot |= text.charAt(j) == '.';
        j++;
      }
      if (dot) {
        int end = trimTail(text, i, j);
        if (end > i && looksLikeUrl(text, i, end)) {
          if (out == null) {
            out = new ArrayList<>(2);
          }
          out.add(new UrlSpan(i, end, text.substring(i, end)));
        }
      }
      i = j;
    }
    return out == null ? List.of() : out;
  }

  /** Returns whether the text contains at least one URL, without building the list. */
  public static boolean containsUrl(String text) {
    return !find(text).isEmpty();
  }

  private static boolean isUrlChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '-'
        || c == '_'
        || c == '/'
        || c == ':'
        || c == '?'
        || c == '='
        || c == '&'
        || c == '%'
        || c == '~'
        || c == '#'
        || c == '+'
        || c == '@';
  }

  private static int trimTail(String text, int start, int end) {
    while (end > start) {
      char c = text.charAt(end - 1);
      if (c == '.' || c == ':' || c == '?' || c == '&' || c == '-' || c == '#') {
        end--;
      } else {
        break;
      }
    }
    return end;
  }

  private static boolean looksLikeUrl(String text, int start, int end) {
    String s = text.substring(start, end);
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("www.")) {
      return true;
    }
    int hostEnd = s.length();
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '/' || c == '?' || c == '#' || c == ':') {
        hostEnd = k;
        break;
      }
    }
    String host = lower.substring(0, hostEnd);
    int at = host.lastIndexOf('@');
    if (at >= 0) {
      host = host.substring(at + 1);
    }
    if (UrlRiskAnalyzer.isIpLiteral(host) && host.indexOf('.') > 0) {
      return true;
    }
    int lastDot = host.lastIndexOf('.');
    if (lastDot <= 0 || lastDot == host.length() - 1) {
      return false;
    }
    String tld = host.substring(lastDot + 1);
    if (!TLDS.contains(tld)) {
      return false;
    }
    for (int k = 0; k < lastDot; k++) {
      char c = host.charAt(k);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        return true;
      }
    }
    return false;
  }
}
