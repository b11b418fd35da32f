package org.fanzha.bench.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fanzha.bench.engine.baseline.LambdaRules;
import org.fanzha.core.event.Event;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.model.Models;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-event scoring throughput of {@link Engine#process} on one thread: the first 500,000 events of
 * a simulated city (10,000 people, 4 days: calls, SMS, transfers, openings, device signals,
 * reports), pre-parsed, replayed in time order into a fresh engine per invocation. One op = one
 * event, so the score is events per second (features, the shipped rules and model, list checks,
 * propagation, victim correlation and the decision object included; warnings drained).
 *
 * <p>The forked JVM backs its heap with transparent huge pages, as {@code ./fanzha} runs the engine
 * where the kernel allows them (decision 0043): the engine reads one table row per party an event
 * names, at random, and with 4 KiB pages most such reads also walk the page table.
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl bench package -DskipTests && java -jar
 * bench/target/benchmarks.jar EngineBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+UseTransparentHugePages"})
public class EngineBenchmark {

  static final int EVENTS = 500_000;

  /**
   * {@code data}: the shipped rule file compiled (what runs); {@code lambdas}: the same rules as
   * the former Java lambdas.
   */
  @Param({"data", "lambdas"})
  public String rules;

  /**
   * {@code shipped}: the trained model beside the rules (what runs); {@code none}: the rules alone.
   */
  @Param({"shipped", "none"})
  public String model;

  private Event[] events;
  private Engine engine;
  private EngineConfig config;

  @Setup(Level.Trial)
  public void loadWorld() {
    events = firstEvents(SimConfig.of(42, 10_000, 4), EVENTS);
    EngineConfig base =
        EngineConfig.defaults().withModels(model.equals("none") ? Models.none() : Models.shipped());
    config = rules.equals("lambdas") ? base.withRules(LambdaRules.book()) : base;
  }

  @Setup(Level.Invocation)
  public void freshEngine() {
    engine = new Engine(config);
  }

  /** Returns the first {@code n} events of a world (fails if it has fewer). */
  static Event[] firstEvents(SimConfig config, int n) {
    List<Event> list = new ArrayList<>(n);
    World.generate(config)
        .forEachEvent(
            e -> {
              if (list.size() < n) {
                list.add(e);
              }
            });
    if (list.size() < n) {
      throw new IllegalStateException("world has only " + list.size() + " events, need " + n);
    }
    return list.toArray(new Event[0]);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long process() {
    long sum = 0;
    Engine e = engine;
    for (Event ev : events) {
      Decision d = e.process(ev);
      sum += d.score();
    }
    sum += e.drainWarnings().size();
    return sum;
  }
}
