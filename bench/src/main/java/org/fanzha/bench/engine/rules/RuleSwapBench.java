package org.fanzha.bench.engine.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fanzha.core.event.Event;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * How long a rule set version takes from text to scoring: reading, checking and compiling a 60-rule
 * file (cold, the first in the JVM, and warm), and swapping it into an engine that holds a city's
 * state, between two events.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.fanzha.bench.engine.rules.RuleSwapBench}
 */
@Command(
    name = "rule-swap-bench",
    mixinStandardHelpOptions = true,
    description = "Times a rule file from text to scoring, and its swap into a running engine.")
public final class RuleSwapBench implements Callable<Integer> {

  private RuleSwapBench() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new RuleSwapBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String text =
        RuleBook.defaultText()
            + """
          - code: AC_NIGHT_LARGE_NEW
            applies_to: account
            role: mule
            weight: 70
            when: event.type == "transfer" && event.amount >= 49000 && event.hour < 6 && features.age_days >= 0 && features.age_days < 7
            reason: {zh: "夜间大额转入本周新开账户", en: "A large sum at night into an account opened this week"}
          - code: PH_NIGHT_BURST
            applies_to: phone
            role: fraud_number
            weight: 25
            when: features.out_calls >= 40 && features.night_share >= 0.5
            reason: {zh: "夜间集中大量外呼", en: "Many calls, mostly at night"}
        """;
    long t0 = System.nanoTime();
    RuleBook first = RuleBook.parse(text);
    double coldMs = (System.nanoTime() - t0) / 1e6;
    int rules = 0;
    for (var k : org.fanzha.engine.rules.file.RuleSpec.Kind.values()) {
      rules += first.rules(k).rules().size();
    }
    double[] compile = new double[30];
    for (int i = 0; i < compile.length; i++) {
      long s = System.nanoTime();
      RuleBook.parse(text);
      compile[i] = (System.nanoTime() - s) / 1e6;
    }
    List<Event> events = new ArrayList<>();
    World.generate(SimConfig.of(42, 10_000, 2)).forEachEvent(events::add);
    Engine engine = new Engine(EngineConfig.defaults());
    events.forEach(engine::process);
    double[] swap = new double[30];
    for (int i = 0; i < swap.length; i++) {
      RuleBook b = i % 2 == 0 ? first : RuleBook.defaults();
      long s = System.nanoTime();
      engine.useRules(b);
      swap[i] = (System.nanoTime() - s) / 1e6;
    }
    System.out.printf(Locale.ROOT, "rule file: %d rules, %,d characters%n", rules, text.length());
    System.out.printf(
        Locale.ROOT,
        "read + check + compile: cold %.1f ms, warm median %.1f ms (max %.1f)%n",
        coldMs,
        median(compile),
        Arrays.stream(compile).max().orElse(0));
    System.out.printf(
        Locale.ROOT,
        "swap into an engine holding %,d events of state: median %.3f ms (max %.3f)%n",
        events.size(),
        median(swap),
        Arrays.stream(swap).max().orElse(0));
    return 0;
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
