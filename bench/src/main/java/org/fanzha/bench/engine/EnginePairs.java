package org.fanzha.bench.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.event.Event;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.model.Models;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Compares builds of the engine in one JVM (decision 0045): each build's bench jar in a class
 * loader of its own, with its own copy of a city's first 500,000 events, and fresh-engine passes
 * that take turns between the builds, so that every build meets the same moments of a shared
 * machine. Prints each build's median pass and, for each build after the first, the median of its
 * pass-by-pass ratios to the first. The build loaded first ran about 3 % faster than an identical
 * copy loaded second: run it again with the jars in the other order and take the geometric mean of
 * the two ratios.
 *
 * <p>Run: {@code ./fanzha engine-pairs --jars /tmp/before.jar,bench/target/benchmarks.jar} (copy a
 * build's {@code bench/target/benchmarks.jar} aside before changing it). Builds whose simulators
 * differ need {@code --events} with a file of events, so that they score the same ones (decision
 * 0046).
 */
@Command(
    name = "engine-pairs",
    mixinStandardHelpOptions = true,
    description =
        "Times two or more builds of the engine by turns in one JVM, 500 k events a pass.")
public final class EnginePairs implements Callable<Integer> {

  @Option(
      names = "--jars",
      split = ",",
      required = true,
      description = "bench jars of the builds to compare, the reference first")
  List<Path> jars;

  @Option(
      names = "--people",
      defaultValue = "10000",
      description = "city size (default: ${DEFAULT-VALUE})")
  int people;

  @Option(
      names = "--events",
      description =
          "an NDJSON events file whose first 500,000 events every build reads with its own codec,"
              + " so that builds whose simulators differ score the same events (default: each"
              + " build simulates the city)")
  @Nullable Path events;

  @Option(
      names = "--passes",
      defaultValue = "12",
      description = "passes per build; the first third warm the JIT (default: ${DEFAULT-VALUE})")
  int passes;

  public static void main(String[] args) {
    System.exit(new CommandLine(new EnginePairs()).execute(args));
  }

  @Override
  public Integer call() throws ReflectiveOperationException {
    if (jars.size() < 2 || passes < 3) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "give two jars or more, and --passes of at least 3");
    }
    List<Method> pass = new ArrayList<>();
    for (Path jar : jars) {
      if (!Files.isRegularFile(jar)) {
        throw new CommandLine.ParameterException(new CommandLine(this), "no such jar: " + jar);
      }
      Class<?> passes = new BuildLoader(jar).loadClass(Passes.class.getName());
      String rejected =
          (String)
              passes
                  .getMethod("load", int.class, String.class)
                  .invoke(null, people, events == null ? null : events.toString());
      if (!rejected.isEmpty()) {
        System.out.printf("%s refused events of the file: %s%n", jar, rejected);
      }
      pass.add(passes.getMethod("pass"));
    }
    int n = jars.size();
    double[][] rates = new double[n][passes];
    for (int k = 0; k < passes; k++) {
      for (int i = 0; i < n; i++) {
        int b = (k + i) % n; // each build in turn goes first
        rates[b][k] = (double) invoke(pass.get(b));
      }
    }
    int from = passes / 3;
    for (int b = 0; b < n; b++) {
      double[] r = Arrays.copyOfRange(rates[b], from, passes);
      System.out.printf(
          Locale.ROOT,
          "%s: median %,.0f events/s (%,.0f to %,.0f over %d passes)%n",
          jars.get(b),
          median(r),
          Arrays.stream(r).min().orElse(0),
          Arrays.stream(r).max().orElse(0),
          r.length);
    }
    for (int b = 1; b < n; b++) {
      double[] ratio = new double[passes - from];
      for (int k = from; k < passes; k++) {
        ratio[k - from] = rates[b][k] / rates[0][k];
      }
      System.out.printf(
          Locale.ROOT,
          "%s / %s: median ratio %.3f (%.3f to %.3f)%n",
          jars.get(b),
          jars.get(0),
          median(ratio),
          Arrays.stream(ratio).min().orElse(0),
          Arrays.stream(ratio).max().orElse(0));
    }
    return 0;
  }

  private static Object invoke(Method m) throws ReflectiveOperationException {
    try {
      return m.invoke(null);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("a pass failed", e.getCause());
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  /**
   * Loads one build from its jar, except {@link Passes}, defined here from this build's bytes so
   * that any build can be timed the same way (it needs only the engine's and simulator's public
   * API).
   */
  private static final class BuildLoader extends URLClassLoader {
    BuildLoader(Path jar) {
      super(new URL[] {url(jar)}, ClassLoader.getPlatformClassLoader());
    }

    private static URL url(Path jar) {
      try {
        return jar.toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(jar.toString(), e);
      }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(Passes.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          String file = name.substring(name.lastIndexOf('.') + 1) + ".class";
          try (InputStream in = EnginePairs.class.getResourceAsStream(file)) {
            byte[] bytes = in.readAllBytes();
            c = defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return c;
      }
    }
  }

  /** One build's city and its passes (loaded into each build's class loader). */
  public static final class Passes {
    private static Event[] events = new Event[0];
    private static final int EVENTS = 500_000;
    private static EngineConfig config = EngineConfig.defaults();

    private Passes() {}

    /**
     * Makes the first 500,000 events of a city of {@code people}, or reads them from {@code file}
     * when it is not null; returns the refused lines' count and first reason, or "".
     */
    public static String load(int people, @Nullable String file) throws IOException {
      List<Event> list = new ArrayList<>(EVENTS);
      String refused = file == null ? simulate(people, list) : read(Path.of(file), list);
      events = list.toArray(new Event[0]);
      config = withoutModel(EngineConfig.defaults());
      return refused;
    }

    private static String simulate(int people, List<Event> list) {
      int days = Math.max(1, (int) Math.ceil(EVENTS / (12.5 * people)));
      World.generate(SimConfig.of(42, people, days))
          .forEachEvent(
              e -> {
                if (list.size() < EVENTS) {
                  list.add(e);
                }
              });
      return "";
    }

    private static String read(Path file, List<Event> list) throws IOException {
      EventCodec codec = EventCodec.stored();
      int refused = 0;
      String first = "";
      try (BufferedReader in = Files.newBufferedReader(file)) {
        long line = 0;
        for (String s = in.readLine(); s != null && list.size() < EVENTS; s = in.readLine()) {
          ParseResult r = codec.parse(s, ++line);
          if (r instanceof ParseResult.Accepted a) {
            list.add(a.event());
          } else if (refused++ == 0) {
            first = ((ParseResult.Rejected) r).rejection().toString();
          }
        }
      }
      return refused == 0
          ? ""
          : refused + (refused == 1 ? " line: " : " lines, the first: ") + first;
    }

    /**
     * Scores with the rules alone: builds from before the model beside the rules have no {@code
     * Models} class, and score with the rules alone anyway.
     */
    private static EngineConfig withoutModel(EngineConfig config) {
      try {
        Class.forName("org.fanzha.engine.model.Models", false, Passes.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        return config;
      }
      return config.withModels(Models.none());
    }

    /** Scores the events into a fresh engine; returns events a second. */
    public static double pass() {
      Engine engine = new Engine(config);
      long start = System.nanoTime();
      for (Event e : events) {
        engine.process(e);
      }
      engine.drainWarnings();
      return events.length / ((System.nanoTime() - start) / 1e9);
    }
  }
}
