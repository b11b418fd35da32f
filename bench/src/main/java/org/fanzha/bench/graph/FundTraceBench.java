package org.fanzha.bench.graph;

import java.util.Arrays;
import java.util.Locale;
import org.fanzha.bench.CommandLines;
import org.fanzha.graph.funds.ForwardTrace;
import org.fanzha.graph.funds.ForwardTracer;
import org.fanzha.graph.funds.TraceSettings;
import org.fanzha.graph.funds.TransferGraph;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Prints how fast the transfer graph loads, how many bytes a transfer costs and how long a 6-hop
 * forward trace takes (p50 / p99 over many victims' payments) on a generated log.
 *
 * <pre>
 * ./mvnw -B -o -q -pl bench package -DskipTests
 * java -Xmx8g -cp bench/target/benchmarks.jar org.fanzha.bench.graph.FundTraceBench [transfers=10000000] [traces=5000]
 * </pre>
 */
@Command(
    name = "fund-trace-bench",
    mixinStandardHelpOptions = true,
    description =
        "Loads synthetic transfers into the transfer graph and times forward traces from fraud cases.")
public final class FundTraceBench implements Runnable {

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "10_000_000",
      converter = CommandLines.Count.class,
      description = "transfers (default: ${DEFAULT-VALUE})")
  int n;

  @Parameters(
      index = "1",
      arity = "0..1",
      defaultValue = "5000",
      description = "traces timed (default: ${DEFAULT-VALUE})")
  int traces;

  public static void main(String[] args) {
    System.exit(new CommandLine(new FundTraceBench()).execute(args));
  }

  private FundTraceBench() {}

  @Override
  public void run() {
    long t = System.nanoTime();
    SyntheticTransfers data = SyntheticTransfers.generate(42, n);
    System.out.printf(
        Locale.ROOT,
        "generated %,d transfers, %,d accounts, %,d fraud cases in %.1f s (not timed below)%n",
        n,
        data.names.length,
        data.seeds.length,
        (System.nanoTime() - t) / 1e9);

    long heapBefore = usedHeap();
    t = System.nanoTime();
    TransferGraph g = new TransferGraph(n); // a server sizes it from the journal's row count
    data.appendTo(g);
    long appended = System.nanoTime() - t;
    g.compact();
    long loaded = System.nanoTime() - t;
    long heapAfter = usedHeap();
    System.out.printf(
        Locale.ROOT,
        "load: %,d transfers in %.2f s (append %.2f s + final index %.2f s) = %,.0f transfers/s%n",
        n,
        loaded / 1e9,
        appended / 1e9,
        (loaded - appended) / 1e9,
        n / (loaded / 1e9));
    System.out.printf(
        Locale.ROOT,
        "memory: %.1f bytes/transfer by array accounting (%,d accounts), %.1f bytes/transfer by heap after GC%n",
        (double) g.memoryBytes() / n,
        g.accountCount(),
        (double) (heapAfter - heapBefore) / n);

    ForwardTracer tracer = new ForwardTracer(g, TraceSettings.DEFAULTS);
    int warm = Math.min(2_000, data.seeds.length);
    for (int i = 0; i < warm; i++) {
      tracer.traceEdge(data.seeds[i % data.seeds.length]);
    }
    long[] nanos = new long[traces];
    long edges = 0;
    long accounts = 0;
    int maxHop = 0;
    for (int i = 0; i < traces; i++) {
      int seed = data.seeds[(int) ((i * 2_654_435_761L) % data.seeds.length)];
      long s = System.nanoTime();
      ForwardTrace tr = tracer.traceEdge(seed);
      nanos[i] = System.nanoTime() - s;
      edges += tr.edges().size();
      accounts += tr.accounts().size();
      for (ForwardTrace.Edge e : tr.edges()) {
        maxHop = Math.max(maxHop, e.hop());
      }
    }
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "forward trace (FIFO, %d hops, %d-day window), %,d traces: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms; %.1f edges and %.1f accounts per trace, deepest hop %d%n",
        TraceSettings.DEFAULTS.maxHops(),
        TraceSettings.DEFAULTS.window().toDays(),
        traces,
        pct(nanos, 50),
        pct(nanos, 90),
        pct(nanos, 99),
        nanos[traces - 1] / 1e6,
        (double) edges / traces,
        (double) accounts / traces,
        maxHop);
  }

  static double pct(long[] sorted, int p) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
