package org.fanzha.core.time;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.fanzha.core.id.InvalidIdentifierException;

/**
 * The event times an input accepts, the same for every timestamp form (ISO-8601 or epoch
 * milliseconds). A time outside it is refused with the reason, so one event dated 9999 cannot move
 * the engine's clock or every trace's {@code as_of}.
 *
 * <p>Two kinds: {@link #between fixed bounds} (stored data, such as the journal, which must always
 * read back what it once accepted) and {@link #aroundNow a window around the wall clock} (live
 * intake and file replay: nothing real happens in the future, and a sender's old backlog has an age
 * limit).
 */
public final class EventTimeWindow {

  /** 2000-01-01T00:00Z: older event times are taken for a unit or clock mistake. */
  public static final long EARLIEST = 946_684_800_000L;

  /** 2100-01-01T00:00Z. */
  public static final long LATEST = 4_102_444_800_000L;

  /** Fixed bounds 2000–2100: what any stored event must satisfy. */
  public static final EventTimeWindow SANE = between(EARLIEST, LATEST);

  private final long fixedFrom;
  private final long fixedUntil;
  private final LongSupplier clock;
  private final long maxAgeMillis;
  private final long maxLeadMillis;

  private EventTimeWindow(
      long fixedFrom, long fixedUntil, LongSupplier clock, long maxAgeMillis, long maxLeadMillis) {
    this.fixedFrom = fixedFrom;
    this.fixedUntil = fixedUntil;
    this.clock = clock;
    this.maxAgeMillis = maxAgeMillis;
    this.maxLeadMillis = maxLeadMillis;
  }

  /** Returns a window of fixed bounds, {@code from} and {@code until} included, in epoch ms. */
  public static EventTimeWindow between(long from, long until) {
    if (from > until) {
      throw new IllegalArgumentException("window starts after it ends: " + from + " > " + until);
    }
    return new EventTimeWindow(from, until, () -> 0, -1, -1);
  }

  /**
   * Returns a window from {@code maxAge} before the clock's now to {@code maxLead} after it, and
   * never outside {@link #SANE}.
   */
  public static EventTimeWindow aroundNow(LongSupplier clock, Duration maxAge, Duration maxLead) {
    if (maxAge.isNegative() || maxLead.isNegative()) {
      throw new IllegalArgumentException(
          "window durations must not be negative: " + maxAge + ", " + maxLead);
    }
    return new EventTimeWindow(
        EARLIEST, LATEST, clock, saturatedMillis(maxAge), saturatedMillis(maxLead));
  }

  /** Returns {@code ts} if the window accepts it. */
  public long check(long ts) {
    if (ts < fixedFrom || ts > fixedUntil) {
      throw new InvalidIdentifierException(
          "time "
              + describe(ts)
              + " is outside "
              + Timestamps.format(fixedFrom)
              + " – "
              + Timestamps.format(fixedUntil));
    }
    if (maxAgeMillis < 0) {
      return ts;
    }
    long now = clock.getAsLong();
    if (ts > now && ts - now > maxLeadMillis) {
      throw new InvalidIdentifierException(
          "time "
              + describe(ts)
              + " is "
              + human(ts - now)
              + " ahead of this server's clock; at most "
              + human(maxLeadMillis)
              + " ahead is accepted");
    }
    if (ts < now && now - ts > maxAgeMillis) {
      throw new InvalidIdentifierException(
          "time "
              + describe(ts)
              + " is "
              + human(now - ts)
              + " old; at most "
              + human(maxAgeMillis)
              + " old is accepted");
    }
    return ts;
  }

  private static String describe(long ts) {
    return ts >= -62_135_596_800_000L && ts <= 253_402_300_799_999L
        ? Timestamps.format(ts)
        : ts + " ms";
  }

  /** Returns a duration in the largest whole unit that fits: {@code 3 days}, {@code 15 minutes}. */
  static String human(long millis) {
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
    String[] units = {"day", "hour", "minute", "second"};
    for (int i = 0; i < sizes.length; i++) {
      long n = millis / sizes[i];
      if (n >= 1) {
        return n + " " + units[i] + (n == 1 ? "" : "s");
      }
    }
    return millis + " ms";
  }

  private static long saturatedMillis(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return maxAgeMillis < 0
        ? "[" + Timestamps.format(fixedFrom) + ", " + Timestamps.format(fixedUntil) + "]"
        : "[now - "
            + Duration.ofMillis(maxAgeMillis)
            + ", now + "
            + Duration.ofMillis(maxLeadMillis)
            + "]";
  }
}
