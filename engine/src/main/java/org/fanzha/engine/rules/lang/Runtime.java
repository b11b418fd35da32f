package org.fanzha.engine.rules.lang;

import org.jspecify.annotations.Nullable;

/** The helpers compiled rules call, with the {@link Interpreter}'s treatment of missing values. */
public final class Runtime {

  private Runtime() {}

  /** Returns {@code a != b} for numbers, false when either is missing (NaN). */
  public static boolean ne(double a, double b) {
    return !Double.isNaN(a) && !Double.isNaN(b) && a != b;
  }

  /** Returns whether two strings are equal, false when either is missing. */
  public static boolean eq(@Nullable String a, @Nullable String b) {
    return a != null && b != null && a.equals(b);
  }

  /** Returns whether two strings differ, false when either is missing. */
  public static boolean ne(@Nullable String a, @Nullable String b) {
    return a != null && b != null && !a.equals(b);
  }

  /** Returns whether a number is one of the items, false when it is missing. */
  public static boolean in(double v, double[] items) {
    for (double d : items) {
      if (v == d) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether a string is one of the items, false when it is missing. */
  public static boolean in(@Nullable String v, String[] items) {
    if (v != null) {
      for (String s : items) {
        if (v.equals(s)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Returns whether {@code s} starts with {@code p}, false when either is missing. */
  public static boolean startsWith(@Nullable String s, @Nullable String p) {
    return s != null && p != null && s.startsWith(p);
  }

  /** Returns whether {@code s} ends with {@code p}, false when either is missing. */
  public static boolean endsWith(@Nullable String s, @Nullable String p) {
    return s != null && p != null && s.endsWith(p);
  }

  /** Returns whether {@code s} contains {@code p}, false when either is missing. */
  public static boolean contains(@Nullable String s, @Nullable String p) {
    return s != null && p != null && s.contains(p);
  }
}
