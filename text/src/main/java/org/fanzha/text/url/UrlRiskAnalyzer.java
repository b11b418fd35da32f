package org.fanzha.text.url;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fanzha.core.reason.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Rates a URL or bare domain for fraud risk and says why.
 *
 * <p>Thread-safe and immutable. The default catalogue ({@code domains.txt} beside this class) lists
 * the protected bank, payment, platform and government domains, link shorteners and abused
 * top-level domains; a block list of known fraud domains can be added with {@link
 * #withBlockList(DomainList)}.
 */
public final class UrlRiskAnalyzer {

  /*
   * Design. Each finding carries a weight w in (0, 1); the score is 1 - Π(1 - w), so independent
   * findings add up without passing 1 and one strong finding dominates. Findings:
   *   raw IP host (0.6), userinfo trick "bank.com@evil" (0.6), punycode label (0.3), Latin mixed with
   *   Cyrillic/Greek (0.5), short link (0.35), abused TLD (0.3), block-listed (0.95),
   *   homoglyph of a protected brand (0.85), typo within edit distance 1–2 (0.7),
   *   protected brand as a token of someone else's host (0.7), an official suffix such as
   *   ".com.cn." or ".gov.cn." buried inside the host (0.5), "gov" in a host outside gov.cn (0.6).
   * A host on the protected list itself (or under it) scores 0 whatever else is true: the bank's
   * own domain is not suspicious for having a hyphen.
   * Brand labels shorter than 4 chars (jd, qq, ccb, boc) are matched only exactly or by skeleton,
   * never by edit distance: at that length distance 1 hits too many innocent names.
   */

  private static final String CATALOGUE = "domains.txt";

  /**
   * Official-looking suffixes a phishing host buries in its middle ({@code
   * icbc.com.cn.example.xyz}).
   */
  private static final Set<String> MULTI_LABEL_SUFFIXES =
      Set.of(
          "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "ac.cn", "mil.cn", "com.hk", "com.tw",
          "com.mo", "co.uk", "org.uk", "co.jp", "com.au", "com.sg", "co.kr", "com.my");

  private final DomainList protectedList;
  private final List<Brand> brands;
  private final DomainList shorteners;
  private final Set<String> suspiciousTlds;
  private final DomainList blockList;

  private record Brand(
      String domain, String label, String skeleton, String category, String name) {}

  private UrlRiskAnalyzer(
      DomainList protectedList,
      List<Brand> brands,
      DomainList shorteners,
      Set<String> suspiciousTlds,
      DomainList blockList) {
    this.protectedList = protectedList;
    this.brands = brands;
    this.shorteners = shorteners;
    this.suspiciousTlds = suspiciousTlds;
    this.blockList = blockList;
  }

  /** Returns an analyzer with the shipped catalogue and an empty block list. */
  public static UrlRiskAnalyzer withDefaults() {
    return Holder.DEFAULT;
  }

  private static final class Holder {
    static final UrlRiskAnalyzer DEFAULT = load();
  }

  /** Returns a copy that also flags hosts on {@code blockList} (suffix rules apply). */
  public UrlRiskAnalyzer withBlockList(DomainList blockList) {
    return new UrlRiskAnalyzer(protectedList, brands, shorteners, suspiciousTlds, blockList);
  }

  private static UrlRiskAnalyzer load() {
    List<String> protectedDomains = new ArrayList<>();
    List<Brand> brands = new ArrayList<>();
    List<String> shorteners = new ArrayList<>();
    List<String> tlds = new ArrayList<>();
    try (InputStream in = UrlRiskAnalyzer.class.getResourceAsStream(CATALOGUE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + CATALOGUE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String section = "";
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String t = line.trim();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        if (t.startsWith("[")) {
          section = t;
          continue;
        }
        String[] f = t.split("\\s+", 3);
        switch (section) {
          case "[protected]" -> {
            String domain = f[0].toLowerCase(Locale.ROOT);
            protectedDomains.add(domain);
            String label = domain.substring(0, domain.indexOf('.'));
            if (!domain.equals("gov.cn")) { // gov.cn is a suffix, handled by the gov rule
              brands.add(new Brand(domain, label, Homoglyphs.skeleton(label), f[1], f[2]));
            }
          }
          case "[shortener]" -> shorteners.add(f[0]);
          case "[suspicious-tld]" -> tlds.add(f[0].toLowerCase(Locale.ROOT));
          default -> throw new IllegalStateException("line outside a section: " + t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new UrlRiskAnalyzer(
        DomainList.of(protectedDomains),
        List.copyOf(brands),
        DomainList.of(shorteners),
        Set.copyOf(tlds),
        DomainList.of());
  }

  private record Finding(double weight, Reason reason) {}

  /** Returns the risk of {@code url} (a full URL, or a bare host such as {@code paypa1.com}). */
  public UrlAssessment assess(String url) {
    List<Finding> found = new ArrayList<>(4);
    String authority = authority(url.trim());
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      found.add(
          new Finding(
              0.6,
              new Reason(
                  "url.userinfo",
                  "网址含“@”，真实域名在“@”之后，前面的内容只是伪装",
                  "the URL has an '@': the real host follows it, the part before is a disguise")));
      authority = authority.substring(at + 1);
    }
    String host = stripPort(authority).toLowerCase(Locale.ROOT);
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty()) {
      return new UrlAssessment(url, "", "", 0, null, List.of());
    }
    String asciiHost = host;
    String unicodeHost = host;
    try {
      if (Homoglyphs.hasNonAscii(host)) {
        asciiHost = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      } else if (host.contains("xn--")) {
        unicodeHost = IDN.toUnicode(host, IDN.ALLOW_UNASSIGNED);
      }
    } catch (IllegalArgumentException e) {
      // A malformed IDN is itself odd; keep the raw form and let the punycode rule speak.
    }
    if (!asciiHost.equals(unicodeHost)) {
      found.add(
          new Finding(
              0.3,
              new Reason(
                  "url.punycode",
                  "国际化域名（punycode），显示为 " + unicodeHost,
                  "internationalised (punycode) domain, shown as " + unicodeHost)));
      if (Homoglyphs.mixesScripts(unicodeHost)) {
        found.add(
            new Finding(
                0.5,
                new Reason(
                    "url.mixed_script",
                    "域名混用拉丁字母与西里尔/希腊字母",
                    "the domain mixes Latin with Cyrillic or Greek letters")));
      }
    }

    if (isIpLiteral(asciiHost)) {
      found.add(
          new Finding(
              0.6,
              new Reason(
                  "url.raw_ip",
                  "网址直接使用IP地址 " + asciiHost + "，正规机构不会这样做",
                  "the URL uses a raw IP address " + asciiHost + ", which institutions do not")));
      return finish(url, asciiHost, unicodeHost, null, found);
    }

    String official = protectedList.match(asciiHost);
    if (official != null && unicodeHost.equals(asciiHost)) {
      return new UrlAssessment(url, asciiHost, unicodeHost, 0, null, List.of());
    }

    String blocked = blockList.match(asciiHost);
    if (blocked != null) {
      found.add(
          new Finding(
              0.95,
              new Reason(
                  "url.blocklisted",
                  "域名在涉诈名单中（" + blocked + "）",
                  "the domain is on the fraud list (" + blocked + ")")));
    }
    String shortener = shorteners.match(asciiHost);
    if (shortener != null) {
      found.add(
          new Finding(
              0.35,
              new Reason(
                  "url.short_link",
                  "短链接（" + shortener + "），看不到真实目的地",
                  "short link (" + shortener + ") hides the real destination")));
    }
    String[] labels = unicodeHost.split("\\.");
    String tld = labels[labels.length - 1];
    if (suspiciousTlds.contains(tld)) {
      found.add(
          new Finding(
              0.3,
              new Reason(
                  "url.suspicious_tld",
                  "顶级域名 ." + tld + " 注册便宜、常被滥用",
                  "top-level domain ." + tld + " is cheap and often abused")));
    }
    String imitated = lookalike(asciiHost, unicodeHost, found);
    if (shortener == null) {
      buriedSuffix(asciiHost, found);
    }
    return finish(url, asciiHost, unicodeHost, imitated, found);
  }

  private static UrlAssessment finish(
      String url, String host, String unicodeHost, @Nullable String imitated, List<Finding> found) {
    found.sort(Comparator.comparingDouble((Finding f) -> f.weight).reversed());
    double keep = 1;
    List<Reason> reasons = new ArrayList<>(found.size());
    for (Finding f : found) {
      keep *= 1 - f.weight;
      reasons.add(f.reason);
    }
    return new UrlAssessment(url, host, unicodeHost, 1 - keep, imitated, reasons);
  }

  private @Nullable String lookalike(String asciiHost, String unicodeHost, List<Finding> found) {
    String registrable = registrable(unicodeHost);
    int dot = registrable.indexOf('.');
    String name = dot > 0 ? registrable.substring(0, dot) : registrable;
    String nameSkeleton = Homoglyphs.skeleton(name);
    String[] tokens =
        unicodeHost
            .substring(0, unicodeHost.length() - registrable.length() + name.length())
            .split("[.\\-_]");
    for (Brand b : brands) {
      if (!name.equals(b.label) && nameSkeleton.equals(b.skeleton)) {
        found.add(
            new Finding(
                0.85,
                new Reason(
                    "url.homoglyph",
                    "域名 " + unicodeHost + " 用形近字符仿冒 " + b.domain + "（" + b.name + "）",
                    "the domain "
                        + unicodeHost
                        + " imitates "
                        + b.domain
                        + " with look-alike characters")));
        return b.domain;
      }
    }
    for (Brand b : brands) {
      if (b.label.length() >= 4 && !name.equals(b.label)) {
        int limit = b.label.length() >= 8 ? 2 : 1;
        if (Math.abs(name.length() - b.label.length()) <= limit
            && EditDistance.between(name, b.label) <= limit) {
          found.add(
              new Finding(
                  0.7,
                  new Reason(
                      "url.typosquat",
                      "域名 " + unicodeHost + " 与 " + b.domain + "（" + b.name + "）只差一两个字符",
                      "the domain " + unicodeHost + " is one or two edits from " + b.domain)));
          return b.domain;
        }
      }
    }
    for (Brand b : brands) {
      boolean hit = false;
      for (String t : tokens) {
        if (t.equals(b.label) || (!t.isEmpty() && Homoglyphs.skeleton(t).equals(b.skeleton))) {
          hit = true;
          break;
        }
      }
      if (!hit && b.label.length() >= 4 && name.contains(b.label)) {
        hit = true;
      }
      if (hit) {
        found.add(
            new Finding(
                0.7,
                new Reason(
                    "url.brand_in_host",
                    "域名含“" + b.label + "”却不属于" + b.name + "（" + b.domain + "）",
                    "the host contains '" + b.label + "' but does not belong to " + b.domain)));
        return b.domain;
      }
    }
    for (String t : tokens) {
      if (t.equals("gov") || t.equals("g0v")) {
        found.add(
            new Finding(
                0.6,
                new Reason(
                    "url.gov_imitation",
                    "域名含“gov”却不在 gov.cn 之下，冒充政府网站",
                    "the host contains 'gov' but is not under gov.cn")));
        return "gov.cn";
      }
    }
    return null;
  }

  private static void buriedSuffix(String host, List<Finding> found) {
    for (String s : MULTI_LABEL_SUFFIXES) {
      int i = host.indexOf("." + s + ".");
      if (i < 0 && host.startsWith(s + ".")) {
        i = 0;
      }
      if (i >= 0) {
        found.add(
            new Finding(
                0.5,
                new Reason(
                    "url.buried_suffix",
                    "“" + s + "”出现在域名中间，真实域名在后面",
                    "'" + s + "' sits inside the host; the real domain comes after it")));
        return;
      }
    }
  }

  /**
   * Returns the registrable domain of {@code host}: one label before its public suffix, by the
   * public suffix list Guava carries ({@code co.nz}, {@code com.cn}, {@code github.io} …); a host
   * under no known suffix (an address, a made-up top level) keeps its last two labels, and an IP
   * address is its own.
   */
  static String registrable(String host) {
    if (InetAddresses.isInetAddress(host)) {
      return host;
    }
    try {
      InternetDomainName name = InternetDomainName.from(host);
      if (name.isUnderPublicSuffix()) {
        return name.topPrivateDomain().toString();
      }
    } catch (IllegalArgumentException notADomainName) {
      // an IP address or a name with characters a domain cannot hold: fall through
    }
    int lastDot = host.lastIndexOf('.');
    int before = lastDot <= 0 ? -1 : host.lastIndexOf('.', lastDot - 1);
    return before < 0 ? host : host.substring(before + 1);
  }

  private static String authority(String url) {
    String s = url;
    int scheme = s.indexOf("://");
    if (scheme >= 0 && scheme < 12) {
      s = s.substring(scheme + 3);
    }
    int end = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '?' || c == '#' || c == '\\') {
        end = i;
        break;
      }
    }
    return s.substring(0, end);
  }

  private static String stripPort(String authority) {
    if (authority.startsWith("[")) { // IPv6 literal
      int close = authority.indexOf(']');
      return close > 0 ? authority.substring(0, close + 1) : authority;
    }
    int colon = authority.lastIndexOf(':');
    return colon >= 0 ? authority.substring(0, colon) : authority;
  }

  /**
   * Returns whether {@code host} is an IP literal: dotted IPv4, one decimal/hex number, or IPv6.
   */
  static boolean isIpLiteral(String host) {
    if (host.startsWith("[")) {
      return true;
    }
    if (host.startsWith("0x")
        && host.length() > 2
        && host.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return true;
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length == 1) {
      return host.length() >= 8 && host.chars().allMatch(c -> c >= '0' && c <= '9');
    }
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
