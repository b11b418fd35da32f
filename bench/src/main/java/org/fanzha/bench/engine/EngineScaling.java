package org.fanzha.bench.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fanzha.core.event.Event;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.model.Models;
import org.fanzha.sim.SimConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How the engine's speed on one thread depends on the size of the city it holds (decision 0043):
 * for each size, the first 500,000 events of a city of that many people (enough days to have them)
 * scored again and again, each pass into a fresh engine as {@link EngineBenchmark} does, and the
 * median of the passes after the first few printed. Its spread between runs is a few percent, where
 * JMH's on this machine was 5–15 %, so it suits comparing two builds or two JVM settings; JMH stays
 * the benchmark of record.
 *
 * <p>Run: {@code FANZHA_JAVA_OPTS="-Xms2g -Xmx2g" ./fanzha engine-scaling --people 2500,5000,10000}
 * (the launcher adds huge pages where the kernel has them; {@code -XX:-UseTransparentHugePages} in
 * the options measures without).
 */
@Command(
    name = "engine-scaling",
    mixinStandardHelpOptions = true,
    description = "Times the engine on one thread for cities of several sizes, 500 k events each.")
public final class EngineScaling implements Callable<Integer> {

  @Option(
      names = "--people",
      split = ",",
      defaultValue = "2500,5000,10000",
      description = "city sizes, comma-separated (default: ${DEFAULT-VALUE})")
  List<Integer> people;

  @Option(
      names = "--passes",
      defaultValue = "12",
      description = "passes per size; the first third warm the JIT (default: ${DEFAULT-VALUE})")
  int passes;

  @Option(
      names = "--model",
      defaultValue = "false",
      description = "score with the shipped model beside the rules (default: the rules alone)")
  boolean model;

  public static void main(String[] args) {
    System.exit(new CommandLine(new EngineScaling()).execute(args));
  }

  @Override
  public Integer call() {
    if (passes < 3) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--passes must be at least 3: " + passes);
    }
    EngineConfig config =
        EngineConfig.defaults().withModels(model ? Models.shipped() : Models.none());
    for (int p : people) {
      // 10,000 people make about 125 k events a day: enough days for 500 k events at any size
      int days = Math.max(1, (int) Math.ceil(EngineBenchmark.EVENTS / (12.5 * p)));
      Event[] events =
          EngineBenchmark.firstEvents(SimConfig.of(42, p, days), EngineBenchmark.EVENTS);
      double[] rates = new double[passes];
      for (int k = 0; k < passes; k++) {
        Engine engine = new Engine(config);
        long start = System.nanoTime();
        for (Event e : events) {
          engine.process(e);
        }
        engine.drainWarnings();
        rates[k] = events.length / ((System.nanoTime() - start) / 1e9);
      }
      double[] measured = Arrays.copyOfRange(rates, passes / 3, passes);
      Arrays.sort(measured);
      System.out.printf(
          Locale.ROOT,
          "%,7d people, %2d days, %,d events: median %,.0f events/s (%,.0f to %,.0f over %d passes)%n",
          p,
          days,
          events.length,
          measured[measured.length / 2],
          measured[0],
          measured[measured.length - 1],
          measured.length);
    }
    return 0;
  }
}
