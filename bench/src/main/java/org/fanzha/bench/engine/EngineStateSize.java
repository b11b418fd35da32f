package org.fanzha.bench.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.EngineStats;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the bytes of engine state per tracked entity after replaying simulated cities (by default
 * 10,000 and 50,000 people, 7 days): the fixed feature and risk slice per kind, each structure's
 * allocated bytes (features, risk, identifier arena and hash table per table, pair memory, lists,
 * victim episodes), and the whole heap the engine retains, measured as the heap in use after a full
 * GC with the engine reachable less the same after it was dropped (the world generator stays
 * reachable in both, so only what the engine alone keeps is counted).
 *
 * <p>Per entity means per phone, account, holder, device and IP; the radio cells the engine also
 * tracks are counted in the bytes but not in the divisor (so the figure is, if anything, high).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.fanzha.bench.engine.EngineStateSize
 * [--people 10000,50000] [--days 7] [--seed 42] [--pairs-log2-bits 0]}
 */
@Command(
    name = "engine-state-size",
    mixinStandardHelpOptions = true,
    description =
        "Measures the engine's heap per tracked entity after a simulated city, whole heap after GC.")
public final class EngineStateSize implements Runnable {

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "seed of the city (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--people",
      split = ",",
      defaultValue = "10000,50000",
      description = "city sizes, comma-separated (default: ${DEFAULT-VALUE})")
  List<Integer> people;

  @Option(
      names = "--days",
      defaultValue = "7",
      description = "days simulated (default: ${DEFAULT-VALUE})")
  int days;

  @Option(
      names = "--pairs-log2-bits",
      description =
          "a fixed Bloom filter of 2^N bits as the pair memory (default: the growing set)")
  Integer pairsLog2Bits;

  public static void main(String[] args) {
    System.exit(new CommandLine(new EngineStateSize()).execute(args));
  }

  private EngineStateSize() {}

  @Override
  public void run() {
    EngineConfig cfg =
        pairsLog2Bits == null
            ? EngineConfig.defaults()
            : EngineConfig.defaults().with(EngineConfig.PAIRS_LOG2_BITS, pairsLog2Bits);
    for (int p : people) {
      measure(seed, p, days, cfg);
    }
  }

  private static void measure(long seed, int people, int days, EngineConfig cfg) {
    World world = World.generate(SimConfig.of(seed, people, days));
    Engine[] box = {new Engine(cfg)};
    long[] n = {0};
    world.forEachEvent(
        e -> {
          box[0].process(e);
          box[0].drainWarnings();
          n[0]++;
        });
    EngineStats s = box[0].stats();
    Map<String, Long> memory = box[0].memory();
    int cells = box[0].cellsTracked();
    long with = usedAfterGc();
    box[0] = null;
    long without = usedAfterGc();
    java.lang.ref.Reference.reachabilityFence(world);
    long retained = with - without;

    long entities = s.entitiesTracked().values().stream().mapToLong(Integer::longValue).sum();
    System.out.printf(
        Locale.ROOT,
        "%nworld: seed %d, %,d people, %d days, %,d events; pairs.log2_bits=%d%n",
        seed,
        people,
        days,
        n[0],
        cfg.pairsLog2Bits());
    System.out.printf(
        Locale.ROOT, "%-8s %10s %24s%n", "kind", "entities", "feature+risk bytes each");
    for (EntityKind k : EntityKind.values()) {
      System.out.printf(
          Locale.ROOT,
          "%-8s %,10d %24d%n",
          k.wireName(),
          s.entitiesTracked().get(k),
          s.featureBytesPerEntity().get(k));
    }
    System.out.printf(Locale.ROOT, "%-8s %,10d %24s%n", "(cell)", cells, "(not in the divisor)");
    System.out.printf(Locale.ROOT, "%-20s %14s %10s%n", "structure", "bytes", "per entity");
    long sum = 0;
    for (Map.Entry<String, Long> e : memory.entrySet()) {
      sum += e.getValue();
      long b = e.getValue();
      System.out.printf(Locale.ROOT, "%-20s %,14d %10.1f%n", e.getKey(), b, (double) b / entities);
    }
    System.out.printf(
        Locale.ROOT, "%-20s %,14d %10.1f%n", "sum of structures", sum, (double) sum / entities);
    System.out.printf(
        Locale.ROOT,
        "whole heap retained by the engine after GC: %,d bytes for %,d entities = %.0f"
            + " bytes per entity%n",
        retained,
        entities,
        (double) retained / entities);
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
