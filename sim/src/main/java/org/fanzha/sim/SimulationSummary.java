package org.fanzha.sim;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.fanzha.core.event.EventType;

/**
 * What {@link Simulator#writeFiles} wrote: the two files, event counts per type, label count and
 * how long it took.
 *
 * @param eventsFile the NDJSON events file
 * @param truthFile the NDJSON label file beside it
 * @param events events written
 * @param perType events written per type, in enum order
 * @param labels labels written to the truth file
 * @param wallMillis wall-clock time of generation and writing
 */
public record SimulationSummary(
    Path eventsFile,
    Path truthFile,
    long events,
    Map<EventType, Long> perType,
    long labels,
    long wallMillis) {

  public SimulationSummary {
    perType = Collections.unmodifiableMap(new EnumMap<>(perType));
  }

  /** Returns events written per second of wall time. */
  public double eventsPerSecond() {
    return wallMillis == 0 ? events * 1000.0 : events * 1000.0 / wallMillis;
  }

  /** Returns a few human-readable lines (counts per type, throughput). */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "events  %,d -> %s%n", events, eventsFile));
    sb.append(String.format(Locale.ROOT, "labels  %,d -> %s%n", labels, truthFile));
    for (Map.Entry<EventType, Long> e : perType.entrySet()) {
      sb.append(String.format(Locale.ROOT, "  %-9s %,12d%n", e.getKey().wireName(), e.getValue()));
    }
    sb.append(
        String.format(
            Locale.ROOT, "wall    %,d ms  (%,.0f events/s)%n", wallMillis, eventsPerSecond()));
    return sb.toString();
  }
}
