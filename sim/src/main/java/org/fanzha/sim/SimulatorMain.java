package org.fanzha.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Command line: {@code simulate --seed S --people N --days D --out FILE [--start ISO] [--tactics LIST]};
 * writes the events and the truth file and prints counts and throughput. {@code --tactics all} (or a
 * comma-separated list of {@link Tactic} names) makes the adversarial city.
 */
public final class SimulatorMain {

  private SimulatorMain() {}

  public static void main(String[] args) throws IOException {
    long seed = 1;
    int people = 10_000;
    int days = 7;
    Path out = Path.of("events.ndjson");
    Long start = null;
    java.util.Set<Tactic> tactics = java.util.Set.of();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        System.out.println(usage());
        return;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a + "\n" + usage());
      }
      String v = args[++i];
      switch (a) {
        case "--seed" -> seed = Long.parseLong(v);
        case "--people" -> people = Integer.parseInt(v);
        case "--days" -> days = Integer.parseInt(v);
        case "--out" -> out = Path.of(v);
        case "--start" -> start = OffsetDateTime.parse(v).toInstant().toEpochMilli();
        case "--tactics" -> tactics = Tactic.parse(v);
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
      }
    }
    SimConfig.Builder b = SimConfig.builder(seed, people, days).tactics(tactics);
    if (start != null) {
      b.startMillis(start);
    }
    SimulationSummary s = Simulator.writeFiles(b.build(), out);
    System.out.print(s.describe());
    System.out.printf(Locale.ROOT, "throughput %.2f M events/s%n", s.eventsPerSecond() / 1e6);
  }

  static String usage() {
    return "usage: simulate --seed S --people N --days D --out FILE [--start 2026-11-01T00:00:00+08:00]"
        + " [--tactics all|none|" + String.join(",", java.util.Arrays.stream(Tactic.values()).map(Tactic::wireName)
            .toList()) + "]";
  }
}
