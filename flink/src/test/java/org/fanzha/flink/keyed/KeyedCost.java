package org.fanzha.flink.keyed;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.fanzha.engine.replay.ReplaySummary;
import org.fanzha.flink.FlinkReplay;
import org.fanzha.flink.JobSettings;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Simulator;
import org.fanzha.sim.Tactic;

/**
 * What the keyed job costs an event once the JVM is warm, printed: the keyed replay of the same
 * simulated city run again and again in one JVM, each round on a fresh local mini-cluster, with the
 * process's CPU time and the time the JIT compiler reports spending (elapsed, so the share is
 * approximate). A cold {@code ./fanzha replay --runner flink} spends most of its CPU compiling; the
 * later rounds here show what an event costs a job that has run a while. Not a test: run it with
 *
 * <pre>./mvnw -q install -DskipTests
 * ./mvnw -q -pl flink exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-Xmx6g -classpath %classpath org.fanzha.flink.keyed.KeyedCost PEOPLE DAYS ROUNDS PARALLELISM"
 * </pre>
 *
 * <p>Each round's figures include the mini-cluster's start and stop; a round on an empty file,
 * printed first and last, is that part alone.
 */
public final class KeyedCost {

  public static void main(String[] args) throws Exception {
    int people = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int parallelism = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    Path dir = Files.createTempDirectory("fanzha-keyed-cost");
    try {
      Path city = dir.resolve("city.ndjson");
      Simulator.writeFiles(
          SimConfig.builder(31, people, days).tactics(Tactic.parse("all")).build(), city);
      Path empty = Files.createFile(dir.resolve("empty.ndjson"));
      System.out.printf(
          Locale.ROOT,
          "world: seed 31, %,d people, %d days, all tactics; keyed replay at p%d, content model on%n",
          people,
          days,
          parallelism);
      round("empty file", empty, dir, parallelism);
      for (int r = 1; r <= rounds; r++) {
        round("round " + r, city, dir, parallelism);
      }
      round("empty file", empty, dir, parallelism);
    } finally {
      org.apache.flink.util.FileUtils.deleteDirectory(dir.toFile());
    }
  }

  private static void round(String name, Path events, Path dir, int parallelism) throws Exception {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long cpu0 = os.getProcessCpuTime();
    long jit0 = jit.getTotalCompilationTime();
    long t0 = System.nanoTime();
    ReplaySummary s =
        FlinkReplay.run(events, dir.resolve("out"), JobSettings.shipped(), parallelism);
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    double compiling = (jit.getTotalCompilationTime() - jit0) / 1e3;
    long n = s.eventsRead();
    System.out.printf(
        Locale.ROOT,
        "%-10s %,9d events  wall %6.2f s  cpu %6.2f s (JIT compiling %5.2f s)%s%n",
        name,
        n,
        wall,
        cpu,
        compiling,
        n == 0
            ? ""
            : String.format(
                Locale.ROOT,
                "  %,7.0f events/s  %6.1f µs cpu an event, ~%5.1f less the JIT's compile time",
                n / wall,
                cpu * 1e6 / n,
                (cpu - compiling) * 1e6 / n));
  }
}
