package org.fanzha.core.id;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Normalises and validates the identifiers of EVENTS.md. Each method returns the canonical form or
 * throws {@link InvalidIdentifierException} whose message says what is wrong with the value.
 *
 * <p>Canonical forms: mainland phones {@code +86} followed by the national number without its trunk
 * 0 ({@code +8613800138000}, {@code +863756168120}); foreign numbers {@code +} and digits; service
 * numbers ({@code 95588}, {@code 96110}, {@code 4008001234}) as given. Resident IDs upper-case.
 * Bank accounts digits only; payment accounts {@code scheme:value} with a lower-case scheme.
 */
public final class Identifiers {

  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] ID_CHECK = "10X98765432".toCharArray();

  /** GB/T 2260 province-level prefixes (the first two digits of a region or resident ID). */
  private static final boolean[] PROVINCES = new boolean[100];

  static {
    int[] codes = {
      11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51,
      52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82
    };
    for (int c : codes) {
      PROVINCES[c] = true;
    }
  }

  private Identifiers() {}

  /**
   * Returns the canonical phone number for any written form of EVENTS.md: {@code 13800138000},
   * {@code +8613800138000}, {@code 008613800138000}, {@code 86-138-0013-8000} and {@code
   * 013800138000} (a landline dialling a mobile of another city) and {@code 86-0-138-0013-8000}
   * (the trunk 0 kept after the country code, as {@code +86 0…} may keep it) all give {@code
   * +8613800138000}; the landline {@code 0375-6168120} gives {@code +863756168120}.
   */
  public static String phone(String raw) {
    String s = raw.trim();
    if (s.isEmpty()) {
      throw new InvalidIdentifierException("empty phone number");
    }
    StringBuilder digits = new StringBuilder(s.length());
    boolean plus = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == '+' && i == 0) {
        plus = true;
      } else if (c == '-' || c == ' ' || c == '(' || c == ')' || c == '.') {
        // separators people write
      } else {
        throw new InvalidIdentifierException("phone number has an invalid character '" + c + "'");
      }
    }
    String d = digits.toString();
    if (d.isEmpty()) {
      throw new InvalidIdentifierException("phone number has no digits");
    }
    if (!plus && d.startsWith("00")) {
      plus = true;
      d = d.substring(2);
    }
    if (plus) {
      return international(d);
    }
    if (d.length() == 13 && d.startsWith("86") && isMobile(d, 2)) {
      return "+" + d;
    }
    if (d.length() == 14 && d.startsWith("860") && isMobile(d, 3)) {
      return "+86" + d.substring(3); // the country code, then the trunk 0 as some forms keep it
    }
    if (d.length() == 11 && isMobile(d, 0)) {
      return "+86" + d;
    }
    if (d.charAt(0) == '0') {
      // 0 + a mobile is how a landline dials a mobile of another city
      return isMobile(d, 1) ? "+86" + d.substring(1) : landline(d.substring(1), raw);
    }
    if (isServiceNumber(d)) {
      return d;
    }
    throw new InvalidIdentifierException(
        "not a mainland mobile (11 digits from 13–19), landline (0 + area code), service or"
            + " international (+/00) number: "
            + raw.trim());
  }

  private static String international(String d) {
    if (d.startsWith("86")) {
      String national = d.substring(2);
      if (national.length() == 11 && isMobile(national, 0)) {
        return "+" + d;
      }
      if (national.startsWith("0")) {
        national = national.substring(1);
      }
      return isMobile(national, 0) ? "+86" + national : landline(national, "+" + d);
    }
    if (d.charAt(0) == '0') {
      throw new InvalidIdentifierException("country code cannot start with 0");
    }
    if (d.length() < 7 || d.length() > 15) {
      throw new InvalidIdentifierException(
          "international number must have 7–15 digits after the country prefix, not " + d.length());
    }
    return "+" + d;
  }

  /** {@code national} is the area code without its trunk 0, then the local number. */
  private static String landline(String national, String raw) {
    int n = national.length();
    if (n < 9 || n > 11 || national.charAt(0) == '0' || national.charAt(0) == '1' && n > 10) {
      throw new InvalidIdentifierException(
          "landline must be 0, an area code and a 7–8 digit local number: " + raw.trim());
    }
    return "+86" + national;
  }

  private static boolean isMobile(String d, int from) {
    return d.length() - from == 11 && d.charAt(from) == '1' && d.charAt(from + 1) >= '3';
  }

  /** Short service numbers (110, 95588, 96110, 12381, 10086) and 400/800 hotlines. */
  private static boolean isServiceNumber(String d) {
    int n = d.length();
    return (n >= 3 && n <= 6 && d.charAt(0) != '0')
        || (n == 10 && (d.startsWith("400") || d.startsWith("800")));
  }

  /** Returns whether a canonical phone is a mainland mobile number. */
  public static boolean isMainlandMobile(String canonicalPhone) {
    return canonicalPhone.length() == 14
        && canonicalPhone.startsWith("+861")
        && canonicalPhone.charAt(4) >= '3';
  }

  /**
   * Returns the resident ID upper-cased after checking its length, digits, province, birth date and
   * GB 11643 check character.
   */
  public static String residentId(String raw) {
    String s = raw.trim();
    if (s.length() != 18) {
      throw new InvalidIdentifierException(
          "resident ID must have 18 characters, not " + s.length());
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new InvalidIdentifierException(
            "resident ID character " + (i + 1) + " must be a digit, not '" + c + "'");
      }
      sum += (c - '0') * ID_WEIGHTS[i];
    }
    char last = Character.toUpperCase(s.charAt(17));
    char expected = ID_CHECK[sum % 11];
    if (last != expected) {
      throw new InvalidIdentifierException(
          "resident ID check character is '" + s.charAt(17) + "', expected '" + expected + "'");
    }
    int province = (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
    if (!PROVINCES[province]) {
      throw new InvalidIdentifierException("resident ID has unknown province code " + province);
    }
    int year = Integer.parseInt(s, 6, 10, 10);
    int month = Integer.parseInt(s, 10, 12, 10);
    int day = Integer.parseInt(s, 12, 14, 10);
    try {
      LocalDate birth = LocalDate.of(year, month, day);
      if (year < 1900 || birth.isAfter(LocalDate.now())) {
        throw new InvalidIdentifierException(
            "resident ID birth date " + birth + " is out of range");
      }
    } catch (DateTimeException e) {
      throw new InvalidIdentifierException(
          "resident ID birth date " + s.substring(6, 14) + " is not a date");
    }
    return last == s.charAt(17) ? s : s.substring(0, 17) + last;
  }

  /** Returns the GB 11643 check character for the first 17 digits of a resident ID. */
  public static char residentIdCheckChar(CharSequence first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return ID_CHECK[sum % 11];
  }

  /** The scheme of the account a cash withdrawal is paid into: {@code cash:<terminal id>}. */
  public static final String CASH_SCHEME = "cash:";

  /** Returns whether {@code account} is a cash terminal ({@link #CASH_SCHEME}), not a person's. */
  public static boolean isCashTerminal(String account) {
    return account.startsWith(CASH_SCHEME);
  }

  /**
   * Returns the canonical account: a bank card or account number (12–19 digits, Luhn-checked when
   * 16–19 digits; spaces and hyphens dropped) or a payment account {@code scheme:value} ({@code
   * alipay:…}, {@code wechat:…}, {@code cash:<terminal>}).
   */
  public static String account(String raw) {
    String s = raw.trim();
    if (s.isEmpty()) {
      throw new InvalidIdentifierException("empty account");
    }
    int colon = s.indexOf(':');
    if (colon >= 0) {
      return schemeAccount(s, colon);
    }
    StringBuilder digits = new StringBuilder(19);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c != ' ' && c != '-') {
        throw new InvalidIdentifierException(
            "account must be digits or scheme:value, found '" + c + "'");
      }
    }
    int n = digits.length();
    if (n < 12 || n > 19) {
      throw new InvalidIdentifierException("account number must have 12–19 digits, not " + n);
    }
    String d = digits.toString();
    if (n >= 16 && !luhnValid(d)) {
      throw new InvalidIdentifierException("bank card number fails the Luhn check");
    }
    return d;
  }

  private static String schemeAccount(String s, int colon) {
    if (colon == 0 || colon > 32) {
      throw new InvalidIdentifierException("account scheme must have 1–32 characters");
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < colon; i++) {
      char c = Character.toLowerCase(s.charAt(i));
      boolean ok =
          (c >= 'a' && c <= 'z') || (i > 0 && ((c >= '0' && c <= '9') || c == '_' || c == '-'));
      if (!ok) {
        throw new InvalidIdentifierException(
            "account scheme has an invalid character '" + s.charAt(i) + "'");
      }
      out.append(c);
    }
    String value = s.substring(colon + 1);
    if (value.isEmpty() || value.length() > 96) {
      throw new InvalidIdentifierException("payment account value must have 1–96 characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new InvalidIdentifierException("payment account value contains white space");
      }
    }
    return out.append(':').append(value).toString();
  }

  /**
   * Returns whether the digits pass the Luhn (mod 10) check: the last digit completes the others.
   */
  public static boolean luhnValid(CharSequence digits) {
    int n = digits.length();
    return n >= 2 && luhnCheckDigit(digits.subSequence(0, n - 1)) == digits.charAt(n - 1);
  }

  /** Returns the Luhn check digit that completes the given digits. */
  public static char luhnCheckDigit(CharSequence digitsWithoutCheck) {
    int sum = 0;
    boolean twice = true;
    for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--) {
      int v = digitsWithoutCheck.charAt(i) - '0';
      if (twice) {
        v *= 2;
        if (v > 9) {
          v -= 9;
        }
      }
      sum += v;
      twice = !twice;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  /** Returns the 6-digit administrative division code (GB/T 2260) after checking its province. */
  public static String region(String raw) {
    String s = raw.trim();
    if (s.length() != 6) {
      throw new InvalidIdentifierException("region code must have 6 digits, not " + s.length());
    }
    for (int i = 0; i < 6; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new InvalidIdentifierException("region code must be digits, found '" + c + "'");
      }
    }
    int province = (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
    if (!PROVINCES[province]) {
      throw new InvalidIdentifierException("region code has unknown province " + province);
    }
    return s;
  }

  /** Returns a device id or IP trimmed, after checking it is 1–128 printable characters. */
  public static String token(String raw, String what) {
    String s = raw.trim();
    if (s.isEmpty() || s.length() > 128) {
      throw new InvalidIdentifierException(what + " must have 1–128 characters");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw new InvalidIdentifierException(what + " contains a control character");
      }
    }
    return s;
  }

  /**
   * Returns a domain, URL or app package as lists and reports compare them: trimmed and
   * lower-cased, after checking it is 1–600 printable characters without white space inside (a
   * database index holds 2,400 bytes of it at four bytes a character).
   */
  public static String target(String raw, String what) {
    String s = raw.trim().toLowerCase(java.util.Locale.ROOT);
    if (s.isEmpty() || s.length() > 600) {
      throw new InvalidIdentifierException(what + " must have 1–600 characters");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c)) {
        throw new InvalidIdentifierException(what + " contains white space or a control character");
      }
    }
    return s;
  }
}
