package org.fanzha.engine.subscriber;

/**
 * A subscriber score's band, best first; the rule file's {@code subscriber.band_*} params give each
 * band's lowest score.
 */
public enum Band {
  A,
  B,
  C,
  D;

  /** Returns the name in answers and params ({@code a} … {@code d}). */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
