package org.fanzha.bench.lists;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.lists.RiskLists;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nanoseconds per look-up of an entity's list flags ({@code RiskLists.flagsOf}, what a feature
 * table asks when an event first names an entity) with {@code entries} on the lists: values that
 * are listed (hits) and values that are not (misses, the common case), each from a pre-made array
 * of fresh Strings, as events bring them.
 *
 * <p>Run: {@code java -Xmx8g -jar bench/target/benchmarks.jar ListLookupBenchmark -f 1 -wi 3 -i 5};
 * memory per entry: {@code java -Xmx8g -cp bench/target/benchmarks.jar
 * org.fanzha.bench.lists.ListMemory}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class ListLookupBenchmark {

  private static final int PROBES = 1 << 16;

  @Param({"10000000"})
  public int entries;

  private RiskLists lists;
  private String[] hits;
  private String[] misses;
  private EntityKind[] hitKinds;
  private int i;

  @Setup(Level.Trial)
  public void fill() {
    lists = ListEntries.fill(42, entries);
    hits = new String[PROBES];
    hitKinds = new EntityKind[PROBES];
    misses = new String[PROBES];
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    for (int k = 0; k < PROBES; k++) {
      int e = r.nextInt(entries);
      hits[k] = new String(ListEntries.value(42, e).toCharArray());
      hitKinds[k] = ListEntries.kind(e);
      misses[k] = ListEntries.value(4242, k);
    }
  }

  /**
   * The same entries in a {@code HashMap<String, Integer>} per kind: what keeping Strings would
   * cost.
   */
  @State(Scope.Benchmark)
  public static class Strings {
    final java.util.Map<EntityKind, java.util.HashMap<String, Integer>> byKind =
        new java.util.EnumMap<>(EntityKind.class);

    @Setup(Level.Trial)
    public void fill(ListLookupBenchmark b) {
      byKind.put(EntityKind.PHONE, new java.util.HashMap<>());
      byKind.put(EntityKind.ACCOUNT, new java.util.HashMap<>());
      for (int e = 0; e < b.entries; e++) {
        Objects.requireNonNull(byKind.get(ListEntries.kind(e))).put(ListEntries.value(42, e), 1);
      }
    }
  }

  @Benchmark
  public int hit() {
    int k = i++ & (PROBES - 1);
    return lists.flagsOf(hitKinds[k], hits[k]);
  }

  @Benchmark
  public int miss() {
    int k = i++ & (PROBES - 1);
    return lists.flagsOf((k & 1) == 0 ? EntityKind.PHONE : EntityKind.ACCOUNT, misses[k]);
  }

  @Benchmark
  public @Nullable Integer hashMapHit(Strings baseline) {
    int k = i++ & (PROBES - 1);
    return Objects.requireNonNull(baseline.byKind.get(hitKinds[k])).get(hits[k]);
  }

  @Benchmark
  public @Nullable Integer hashMapMiss(Strings baseline) {
    int k = i++ & (PROBES - 1);
    return Objects.requireNonNull(
            baseline.byKind.get((k & 1) == 0 ? EntityKind.PHONE : EntityKind.ACCOUNT))
        .get(misses[k]);
  }
}
