package org.fanzha.core.id;

/**
 * Masks personal identifiers for display (DESIGN principle 5): a phone keeps its first 3 and last 4
 * digits ({@code 138****5678}), a resident ID or bank card its first 4 and last 4, a shorter
 * account number its last 4, a payment account its scheme and the ends of its value. The mask never
 * reveals more than that, whatever the input.
 */
public final class Masking {

  private Masking() {}

  /** Returns the phone with all but the first 3 and last 4 digits of its national number masked. */
  public static String phone(String canonical) {
    String d =
        canonical.startsWith("+86")
            ? canonical.substring(3)
            : canonical.startsWith("+") ? canonical.substring(1) : canonical;
    if (d.length() <= 7) {
      // Service numbers are public; short foreign ones keep only the last 2.
      return canonical.startsWith("+") ? stars(d.length() - 2) + tail(d, 2) : d;
    }
    return d.substring(0, 3) + stars(d.length() - 7) + tail(d, 4);
  }

  /** Returns the resident ID with all but the first 4 and last 4 characters masked. */
  public static String residentId(String id) {
    return keepEnds(id, 4, 4);
  }

  /**
   * Returns the account masked: a bank card (16–19 digits) keeps its first 4 and last 4, a shorter
   * account number only its last 4 (as banks print 尾号1234); {@code scheme:value} keeps the scheme.
   */
  public static String account(String canonical) {
    int colon = canonical.indexOf(':');
    if (colon < 0) {
      return canonical.length() >= 16 ? keepEnds(canonical, 4, 4) : keepEnds(canonical, 0, 4);
    }
    String scheme = canonical.substring(0, colon + 1);
    if (scheme.equals("cash:")) {
      return canonical; // a terminal, not a person
    }
    String value = canonical.substring(colon + 1);
    int keep = value.length() >= 8 ? 2 : value.length() >= 4 ? 1 : 0;
    return scheme + keepEnds(value, keep, keep);
  }

  /**
   * Returns an IP address masked: an IPv4 address keeps its network part ({@code 10.1.*.*}); other
   * forms are masked as a device id.
   */
  public static String ip(String ip) {
    String[] parts = ip.split("\\.", -1);
    if (parts.length == 4) {
      return parts[0] + "." + parts[1] + ".*.*";
    }
    return device(ip);
  }

  /** Returns a device id with at most its first 4 characters shown. */
  public static String device(String id) {
    int keep = Math.min(4, id.length() / 2);
    return id.substring(0, keep) + "*".repeat(Math.max(3, id.length() - keep));
  }

  /** Returns {@code s} with all but {@code head} leading and {@code tail} trailing chars masked. */
  static String keepEnds(String s, int head, int tail) {
    int n = s.length();
    if (n <= head + tail) {
      // Too short to show both ends without showing (nearly) everything: show only what is safe.
      int show = Math.max(0, n / 2 - 1);
      return stars(n - show) + tail(s, show);
    }
    return s.substring(0, head) + stars(n - head - tail) + tail(s, tail);
  }

  private static String tail(String s, int k) {
    return s.substring(s.length() - k);
  }

  private static String stars(int n) {
    return "*".repeat(Math.max(0, n));
  }
}
