package org.fanzha.bench.engine;

import java.util.Locale;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.EngineStats;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;

/**
 * Prints the bytes of engine state per entity after replaying a simulated city: the fixed feature
 * and risk slice per kind, the engine's own estimate including identifier tables, and the heap
 * actually retained (measured after a full GC, less the heap before the engine was built).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.fanzha.bench.engine.EngineStateSize
 * [--people 20000] [--days 7] [--seed 42]}
 */
public final class EngineStateSize {

  private EngineStateSize() {}

  public static void main(String[] args) {
    long seed = 42;
    int people = 20_000;
    int days = 7;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--people" -> people = Integer.parseInt(args[++i]);
        case "--days" -> days = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    World world = World.generate(SimConfig.of(seed, people, days));
    long before = usedAfterGc();
    Engine engine = new Engine(EngineConfig.defaults());
    long[] n = {0};
    world.forEachEvent(e -> {
      engine.process(e);
      engine.drainWarnings();
      n[0]++;
    });
    long after = usedAfterGc();
    EngineStats s = engine.stats();
    long entities = s.entitiesTracked().values().stream().mapToLong(Integer::longValue).sum();
    System.out.printf(Locale.ROOT, "world: seed %d, %d people, %d days, %,d events%n", seed, people, days, n[0]);
    System.out.printf(Locale.ROOT, "%-8s %10s %22s%n", "kind", "entities", "feature+risk bytes each");
    for (EntityKind k : EntityKind.values()) {
      System.out.printf(Locale.ROOT, "%-8s %,10d %22d%n", k.wireName(), s.entitiesTracked().get(k),
          s.featureBytesPerEntity().get(k));
    }
    System.out.printf(Locale.ROOT, "entities: %,d; engine estimate %,d bytes (%.0f per entity, incl. ids,"
        + " unused capacity, 8 MiB pair filter)%n", entities, s.approxStateBytes(),
        (double) s.approxStateBytes() / entities);
    System.out.printf(Locale.ROOT, "heap retained by the engine after GC: %,d bytes (%.0f per entity)%n",
        after - before, (double) (after - before) / entities);
    // keep the engine reachable until measured
    System.out.println("open victim episodes: " + engine.stats().openEpisodes());
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
