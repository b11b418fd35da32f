package org.fanzha.core.time;

/** Durations in milliseconds, the unit of every event time: {@code ts + 6 * HOUR}. */
public final class Millis {

  public static final long SECOND = 1_000L;
  public static final long MINUTE = 60 * SECOND;
  public static final long HOUR = 60 * MINUTE;
  public static final long DAY = 24 * HOUR;

  private Millis() {}
}
