package org.fanzha.bench.engine;

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
import org.fanzha.core.event.Event;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.model.Models;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
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
 * build's {@code bench/target/benchmarks.jar} aside before changing it).
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
      passes.getMethod("load", int.class).invoke(null, people);
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
    private static EngineConfig config = EngineConfig.defaults();

    private Passes() {}

    /** Makes the first 500,000 events of a city of {@code people}. */
    public static void load(int people) {
      int days = Math.max(1, (int) Math.ceil(500_000 / (12.5 * people)));
      List<Event> list = new ArrayList<>(500_000);
      World.generate(SimConfig.of(42, people, days))
          .forEachEvent(
              e -> {
                if (list.size() < 500_000) {
                  list.add(e);
                }
              });
      events = list.toArray(new Event[0]);
      config = EngineConfig.defaults().withModels(Models.none());
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
