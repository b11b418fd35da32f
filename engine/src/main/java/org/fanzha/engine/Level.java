package org.fanzha.engine;

import java.util.Locale;

/** A risk level: score bands 1–39 low, 40–69 medium, 70–89 high, 90–100 critical. */
public enum Level {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** Returns the level of a score above zero. */
  public static Level of(int score) {
    return score >= 90 ? CRITICAL : score >= 70 ? HIGH : score >= 40 ? MEDIUM : LOW;
  }

  /** Returns the wire name ({@code low} … {@code critical}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
