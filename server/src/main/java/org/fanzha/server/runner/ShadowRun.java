package org.fanzha.server.runner;

import java.util.HashMap;
import java.util.Map;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.Level;

/**
 * A rule set version scored beside the live one on live traffic (Marble's "phantom" run): a second
 * engine, started from a copy of the live engine's state, gets every event after the live engine,
 * and its decisions are only counted, never acted on or answered. Touched only on the engine thread
 * (under the runner's engine lock).
 */
final class ShadowRun {

  private final long version;
  private final Engine engine;
  private final Map<String, Long> hitsAtStart;
  private final long startedAtMillis;
  private final long[][] levelChanges =
      new long[Level.values().length + 1][Level.values().length + 1];
  private long events;
  private long failures;

  ShadowRun(long version, Engine engine, long startedAtMillis) {
    this.version = version;
    this.engine = engine;
    this.hitsAtStart = new HashMap<>(engine.ruleHits());
    this.startedAtMillis = startedAtMillis;
  }

  long version() {
    return version;
  }

  /** Scores the event in the shadow and counts how its level compares with the live decision. */
  void score(org.fanzha.core.event.Event event, Decision live) {
    Decision shadow;
    try {
      shadow = engine.process(event);
    } catch (RuntimeException | Error e) {
      failures++; // the shadow must never hurt the live path
      return;
    }
    engine.drainWarnings();
    events++;
    levelChanges[index(live)][index(shadow)]++;
  }

  private static int index(Decision d) {
    return d.isNone() ? 0 : d.level().ordinal() + 1;
  }

  /** Returns what the shadow has done since it started. */
  ShadowStats stats(Map<String, Long> liveHits) {
    Map<String, Long> hits = new HashMap<>();
    engine.ruleHits().forEach((code, n) -> hits.put(code, n - hitsAtStart.getOrDefault(code, 0L)));
    long up = 0;
    long down = 0;
    for (int a = 0; a < levelChanges.length; a++) {
      for (int b = 0; b < levelChanges.length; b++) {
        if (b > a) {
          up += levelChanges[a][b];
        } else if (b < a) {
          down += levelChanges[a][b];
        }
      }
    }
    long[][] matrix = new long[levelChanges.length][];
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = levelChanges[i].clone();
    }
    return new ShadowStats(
        version, startedAtMillis, events, failures, hits, up, down, matrix, liveHits);
  }
}
