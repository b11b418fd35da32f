package org.fanzha.bench.lists;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.fanzha.bench.CommandLines;
import org.fanzha.engine.lists.RiskLists;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Prints the heap the engine's risk lists keep per entry: the heap in use after a full GC with the
 * lists reachable, less the same after they were dropped, divided by the entries; and the lists'
 * own estimate from array lengths.
 *
 * <p>Run: {@code java -Xmx8g -cp bench/target/benchmarks.jar org.fanzha.bench.lists.ListMemory
 * [entries …]} (default 1,000,000 and 10,000,000).
 */
@Command(
    name = "list-memory",
    mixinStandardHelpOptions = true,
    description =
        "Measures the heap per entry of the engine's risk lists against the same values as Strings.")
public final class ListMemory implements Runnable {

  @Parameters(
      arity = "0..*",
      defaultValue = "1000000 10000000",
      split = " ",
      converter = CommandLines.Count.class,
      description = "list sizes (default: 1,000,000 and 10,000,000)")
  List<Integer> sizes;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ListMemory()).execute(args));
  }

  private ListMemory() {}

  @Override
  public void run() {
    for (int n : sizes) {
      long t0 = System.nanoTime();
      RiskLists[] box = {ListEntries.fill(42, n)};
      long fillMs = (System.nanoTime() - t0) / 1_000_000;
      long with = usedAfterGc();
      long estimate = box[0].approxBytes();
      box[0] = null;
      long without = usedAfterGc();
      System.out.printf(
          Locale.ROOT,
          "%,d entries (numbers and cards, 80%% black, 10%% grey, 10%% white): filled in %,d ms, "
              + "heap %.1f bytes/entry (%.0f MB), estimate %.1f bytes/entry%n",
          n,
          fillMs,
          (with - without) / (double) n,
          (with - without) / 1e6,
          estimate / (double) n);
      // the same values as Strings in fastutil's open-addressing map, per kind: what keeping names
      // as Strings costs
      Object[] strings = {stringMaps(n)};
      long withStrings = usedAfterGc();
      strings[0] = null;
      long none = usedAfterGc();
      System.out.printf(
          Locale.ROOT,
          "  the same in Object2IntOpenHashMap<String> per kind: %.1f bytes/entry%n",
          (withStrings - none) / (double) n);
    }
  }

  private static Object stringMaps(int n) {
    var phones = new it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap<String>();
    var cards = new it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap<String>();
    for (int i = 0; i < n; i++) {
      ((i & 1) == 0 ? phones : cards).put(ListEntries.value(42, i), 1 + i % 10);
    }
    return new Object[] {phones, cards};
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
