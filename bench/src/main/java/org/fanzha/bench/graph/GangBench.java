package org.fanzha.bench.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fanzha.core.event.Role;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.Level;
import org.fanzha.graph.gangs.Gang;
import org.fanzha.graph.gangs.GangFinder;
import org.fanzha.graph.gangs.IdentityGraph;
import org.fanzha.graph.gangs.Node;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Prints what the gang search costs on a simulated city: the identity graph's entities and links,
 * the time to add the events to it and its heap, and the time of a search around the engine's
 * suspects (the server repeats it every {@code fanzha.gangs.scan-every}). Rounds after the first
 * show the warm search.
 *
 * <pre>
 * java -Xmx12g -cp bench/target/benchmarks.jar org.fanzha.bench.graph.GangBench [people=250000] [days=2] [rounds=3]
 * </pre>
 */
@Command(
    name = "gang-bench",
    mixinStandardHelpOptions = true,
    description = "Builds the identity graph of a simulated city and times the gang search on it.")
public final class GangBench implements Runnable {

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "250000",
      description = "people (default: ${DEFAULT-VALUE})")
  int people;

  @Parameters(
      index = "1",
      arity = "0..1",
      defaultValue = "2",
      description = "days (default: ${DEFAULT-VALUE})")
  int days;

  @Parameters(
      index = "2",
      arity = "0..1",
      defaultValue = "3",
      description = "timed searches (default: ${DEFAULT-VALUE})")
  int rounds;

  public static void main(String[] args) {
    System.exit(new CommandLine(new GangBench()).execute(args));
  }

  private GangBench() {}

  @Override
  public void run() {
    World world = World.generate(SimConfig.builder(20_261_205L, people, days).build());
    Engine engine = new Engine(EngineConfig.defaults());
    IdentityGraph graph = new IdentityGraph();
    long[] events = {0};
    long[] graphNanos = {0};
    long before = usedHeap();
    world.forEachEvent(
        e -> {
          engine.process(e);
          engine.drainWarnings();
          long t = System.nanoTime();
          graph.add(e);
          graphNanos[0] += System.nanoTime() - t;
          events[0]++;
        });
    long engineAndGraph = usedHeap() - before;
    Map<Node, Set<Role>> suspects = new HashMap<>();
    engine.forEachRisk(
        r -> {
          if (r.level().compareTo(Level.HIGH) >= 0
              && r.roles().stream()
                  .anyMatch(
                      x -> x == Role.FRAUD_NUMBER || x == Role.MULE || x == Role.CARD_DEALER)) {
            suspects.put(new Node(r.entityKind(), r.entity()), r.roles());
          }
        });
    System.out.printf(
        Locale.ROOT,
        "world: %,d people, %d days, %,d events; identity graph: %,d entities, %,d links;"
            + " adding the events to it %.2f s (%.0f ns an event); heap of engine and graph after GC %,d MB%n",
        people,
        days,
        events[0],
        graph.size(),
        graph.links(),
        graphNanos[0] / 1e9,
        (double) graphNanos[0] / events[0],
        engineAndGraph >> 20);
    GangFinder finder = new GangFinder(GangFinder.Settings.DEFAULT);
    for (int round = 1; round <= rounds; round++) {
      long t = System.nanoTime();
      List<Gang> gangs = finder.find(graph, suspects);
      long ms = (System.nanoTime() - t) / 1_000_000;
      int members = gangs.stream().mapToInt(g -> g.members().size()).sum();
      int largest = gangs.stream().mapToInt(g -> g.members().size()).max().orElse(0);
      System.out.printf(
          Locale.ROOT,
          "search %d: %,d suspects -> %d gangs, %,d members (largest %d), %,d ms%n",
          round,
          suspects.size(),
          gangs.size(),
          members,
          largest,
          ms);
    }
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
