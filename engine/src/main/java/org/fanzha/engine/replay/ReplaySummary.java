package org.fanzha.engine.replay;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fanzha.core.codec.Rejection;
import org.fanzha.core.event.EventType;

/**
 * What a replay did.
 *
 * @param eventsRead non-blank lines read
 * @param accepted events processed (valid and not duplicates)
 * @param rejected lines refused (bad JSON or an invalid field)
 * @param rejections the first {@link Replay#MAX_REJECTIONS_LISTED} rejections, in file order
 * @param duplicates valid events skipped because their id had been processed already
 * @param byType processed events by type
 * @param decisions decisions written (score above zero)
 * @param warnings warnings written
 * @param entities entity risks written
 * @param wallMs wall-clock time of the run
 */
public record ReplaySummary(
    long eventsRead,
    long accepted,
    long rejected,
    List<Rejection> rejections,
    long duplicates,
    Map<EventType, Long> byType,
    long decisions,
    long warnings,
    long entities,
    long wallMs) {

  public ReplaySummary {
    rejections = List.copyOf(rejections);
    byType = Map.copyOf(byType);
  }

  /** Returns the one-line account a replay command prints. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "read %,d  accepted %,d  rejected %,d  duplicates %,d  decisions %,d  "
            + "warnings %,d  entities %,d  in %,d ms (%,.0f events/s)",
        eventsRead,
        accepted,
        rejected,
        duplicates,
        decisions,
        warnings,
        entities,
        wallMs,
        eventsPerSecond());
  }

  /** Returns lines read per second of wall time. */
  public double eventsPerSecond() {
    return wallMs == 0 ? eventsRead * 1000.0 : eventsRead * 1000.0 / wallMs;
  }
}
