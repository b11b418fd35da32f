package org.fanzha.core.money;

import org.fanzha.core.id.InvalidIdentifierException;

/**
 * Money as a {@code long} count of 分 (fen). The wire form is a decimal string in yuan with at most
 * two decimals ({@code "5000.00"}); parsing is exact (no floating point).
 */
public final class Money {

  /** The largest amount accepted: one trillion yuan, far above any real transfer. */
  public static final long MAX_FEN = 100_000_000_000_000L;

  private Money() {}

  /**
   * Returns the amount in fen of a positive yuan decimal such as {@code 49000.00} or {@code 12.5}.
   */
  public static long parseYuan(String raw) {
    String s = raw.trim();
    int n = s.length();
    if (n == 0) {
      throw new InvalidIdentifierException("empty amount");
    }
    long yuan = 0;
    int i = 0;
    int intDigits = 0;
    for (; i < n && s.charAt(i) != '.'; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new InvalidIdentifierException(
            "amount must be a decimal number of yuan such as 5000.00, found '" + c + "'");
      }
      yuan = yuan * 10 + (c - '0');
      if (++intDigits > 13) {
        throw new InvalidIdentifierException("amount is too large");
      }
    }
    if (intDigits == 0) {
      throw new InvalidIdentifierException("amount must start with a digit");
    }
    long fen = 0;
    if (i < n) {
      int decimals = n - i - 1;
      if (decimals == 0 || decimals > 2) {
        throw new InvalidIdentifierException(
            "amount must have one or two decimals after the point, not " + decimals);
      }
      for (int k = i + 1; k < n; k++) {
        char c = s.charAt(k);
        if (c < '0' || c > '9') {
          throw new InvalidIdentifierException("amount decimals must be digits, found '" + c + "'");
        }
        fen = fen * 10 + (c - '0');
      }
      if (decimals == 1) {
        fen *= 10;
      }
    }
    long total = yuan * 100 + fen;
    if (total <= 0) {
      throw new InvalidIdentifierException("amount must be greater than zero");
    }
    if (total > MAX_FEN) {
      throw new InvalidIdentifierException("amount is too large");
    }
    return total;
  }

  /** Returns the wire form of an amount: yuan with exactly two decimals, e.g. {@code 49000.00}. */
  public static String formatYuan(long fen) {
    long abs = Math.abs(fen);
    long cents = abs % 100;
    return (fen < 0 ? "-" : "") + abs / 100 + (cents < 10 ? ".0" : ".") + cents;
  }
}
