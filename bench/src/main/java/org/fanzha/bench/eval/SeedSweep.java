package org.fanzha.bench.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.fanzha.engine.EngineConfig;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.eval.RoleScore;

/**
 * {@link Evaluate} over a range of seeds: every figure with its mean, lowest and highest across the
 * worlds, and per tactic and per honest look-alike the totals. Seeds the rules were changed on are
 * refused (they would flatter the figures) unless asked for.
 */
public final class SeedSweep {

  /**
   * The seeds the rules, parameters and type inference were changed while looking at: the default
   * city's 1–5, 9101, 9202, and the adversarial city's 8101 and 8202 (decision 0015). Figures from
   * them are not evidence.
   */
  static final Set<Long> TUNED = Set.of(1L, 2L, 3L, 4L, 5L, 9101L, 9202L, 8101L, 8202L);

  /**
   * The worlds the shipped model was trained on ({@code ./fanzha train-model}'s default): never
   * evidence either.
   */
  public static final String TRAINED = "6001-6016";

  private SeedSweep() {}

  /**
   * Parses {@code 4401-4410} (inclusive) or {@code 4401,4502,4603}.
   *
   * @throws IllegalArgumentException naming the malformed part, or a tuned seed when {@code
   *     allowTuned} is false
   */
  public static List<Long> parse(String spec, boolean allowTuned) {
    List<Long> out = new ArrayList<>();
    for (String part : spec.split(",")) {
      String p = part.trim();
      int dash = p.indexOf('-', 1);
      try {
        if (dash > 0) {
          long from = Long.parseLong(p.substring(0, dash).trim());
          long to = Long.parseLong(p.substring(dash + 1).trim());
          if (to < from || to - from >= 1000) {
            throw new IllegalArgumentException(
                "seed range '" + p + "' must run upwards over at most 1,000 seeds");
          }
          for (long s = from; s <= to; s++) {
            out.add(s);
          }
        } else {
          out.add(Long.parseLong(p));
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "seeds: '" + p + "' is not a seed or a range like 4401-4410", e);
      }
    }
    if (!allowTuned) {
      for (long s : out) {
        if (TUNED.contains(s)) {
          throw new IllegalArgumentException(
              "seed "
                  + s
                  + " was used to change the rules; its figures flatter them"
                  + " (--allow-tuned to run it anyway)");
        }
        if (s >= 6001 && s <= 6016) {
          throw new IllegalArgumentException(
              "seed "
                  + s
                  + " trained the shipped model ("
                  + TRAINED
                  + "); its figures"
                  + " flatter it (--allow-tuned to run it anyway)");
        }
      }
    }
    return out;
  }

  /**
   * Runs every world on {@code threads} threads, each with its own engine configuration, in seed
   * order.
   */
  static List<Evaluate.Result> run(
      List<SimConfig> worlds, Supplier<EngineConfig> config, int threads)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    ThreadLocal<EngineConfig> perThread = ThreadLocal.withInitial(config);
    try {
      List<Future<Evaluate.Result>> futures = new ArrayList<>();
      for (SimConfig w : worlds) {
        futures.add(pool.submit(() -> Evaluate.run(w, perThread.get())));
      }
      List<Evaluate.Result> out = new ArrayList<>();
      for (Future<Evaluate.Result> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      throw new IllegalStateException("an evaluation failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Prints each figure's mean, lowest and highest over the worlds, then the totals per tactic and
   * look-alike.
   */
  static void print(
      List<SimConfig> worlds,
      List<Evaluate.Result> results,
      boolean text,
      double dissuasion,
      PrintStream out) {
    SimConfig first = worlds.get(0);
    out.printf(
        Locale.ROOT,
        "%d worlds: seeds %s; %d people, %d days each%s%s%n",
        worlds.size(),
        worlds.stream().map(w -> Long.toString(w.seed())).toList(),
        first.people(),
        first.days(),
        first.tactics().isEmpty()
            ? ""
            : ", tactics " + first.tactics().stream().map(t -> t.wireName()).toList(),
        text ? ", SMS text scored" : "");
    out.printf(
        Locale.ROOT, "%-58s %8s %8s %8s %8s%n", "figure", "mean", "lowest", "highest", "pooled");
    for (Evaluate.Row row : results.get(0).rows()) {
      String name = row.name();
      if (name.startsWith(" ")) {
        continue;
      }
      RoleScore all = pooled(results, name);
      line(out, name + " precision", results, r -> r.score(name).precision(), all.precision());
      line(out, name + " recall", results, r -> r.score(name).recall(), all.recall());
    }
    line(
        out,
        "victims warned before their first payment (share)",
        results,
        r ->
            share(
                r.warnedBeforeFirstPayment(),
                r.warnings().truePositives() + r.warnings().falseNegatives()));
    line(
        out,
        "fraud type of the warning right (share)",
        results,
        r -> share(r.typedRight(), r.typed()));
    Map<String, Integer> wrongTypes = new TreeMap<>();
    results.forEach(r -> r.typeConfusion().forEach((k, n) -> wrongTypes.merge(k, n, Integer::sum)));
    out.printf(Locale.ROOT, "  fraud type wrong, over all worlds (truth→warned): %s%n", wrongTypes);
    line(
        out,
        "false warnings per 10,000 people per day",
        results,
        Evaluate.Result::falseWarningsPer10kPeoplePerDay);
    line(
        out,
        "honest transfers delayed or held per 10,000 people per day",
        results,
        r -> r.honestTransfersStopped() / (first.people() / 10_000.0) / first.days());
    line(
        out,
        "victims' money to mules delayed or held when paid (share)",
        results,
        r -> r.victimPaidFen() == 0 ? 0.0 : (double) r.stoppedFen() / r.victimPaidFen());
    line(
        out,
        "median lead time, first warning to first payment (min)",
        results,
        Evaluate.Result::medianLeadMinutes);
    List<Double> protectedShares = new ArrayList<>();
    for (int w = 0; w < results.size(); w++) {
      Evaluate.Result r = results.get(w);
      protectedShares.add(
          share(Evaluate.protectedFen(r, worlds.get(w).seed(), dissuasion), r.victimPaidFen()));
    }
    line(
        out,
        String.format(
            Locale.ROOT, "victims' money protected at dissuasion %.2f (share)", dissuasion),
        protectedShares,
        Double.NaN);
    line(
        out,
        "honest new cards restricted by the subscriber score (share)",
        results,
        r -> share(r.subscribers().honestNewRestricted(), r.subscribers().honestNew()));
    line(
        out,
        "fraud numbers in the subscriber score's band D (share)",
        results,
        r -> share(r.subscribers().fraudRestricted(), r.subscribers().fraudNumbers()));
    line(out, "gang purity (share)", results, r -> r.gangs().purity());
    line(out, "gang completeness (share)", results, r -> r.gangs().completeness());
    int[] sub = new int[9];
    for (Evaluate.Result r : results) {
      Evaluate.SubscriberFigures f = r.subscribers();
      int[] add = {
        f.honestNewRestricted(),
        f.honestNew(),
        f.fraudRestricted(),
        f.fraudNumbers(),
        f.callCentreRestricted(),
        f.callCentreLines(),
        f.fraudAsked(),
        f.honestOpeningsRefused(),
        f.honestOpenings()
      };
      for (int i = 0; i < sub.length; i++) {
        sub[i] += add[i];
      }
    }
    out.printf(
        Locale.ROOT,
        "subscriber score, over all worlds: honest cards opened during them in band D %d of %d; fraud"
            + " numbers in band D %d of %d, asked to re-verify %d; licensed call-centre lines in band D %d of %d;"
            + " honest people's cards opened during them refused at the card limit %d of %d%n",
        sub[0],
        sub[1],
        sub[2],
        sub[3],
        sub[6],
        sub[4],
        sub[5],
        sub[7],
        sub[8]);
    Map<String, long[]> tactics = new TreeMap<>();
    Map<String, Double> lowest = new TreeMap<>();
    for (Evaluate.Result r : results) {
      for (Evaluate.TacticRow t : r.tactics()) {
        String key = t.tactic() + " " + t.role().wireName();
        long[] c = tactics.computeIfAbsent(key, k -> new long[2]);
        c[0] += t.found();
        c[1] += t.total();
        lowest.merge(key, share(t.found(), t.total()), Math::min);
      }
    }
    if (!tactics.isEmpty()) {
      out.println("per tactic, over all worlds: found of total (share), lowest share in one world");
      tactics.forEach(
          (k, c) ->
              out.printf(
                  Locale.ROOT,
                  "  %-32s %5d of %5d (%.3f), lowest %.3f%n",
                  k,
                  c[0],
                  c[1],
                  share(c[0], c[1]),
                  lowest.get(k)));
    }
    Map<String, long[]> honest = new TreeMap<>();
    for (Evaluate.Result r : results) {
      for (Evaluate.NormalGroup g : r.normals()) {
        long[] c = honest.computeIfAbsent(g.name(), k -> new long[3]);
        c[0] += g.accused();
        c[1] += g.high();
        c[2] += g.size();
      }
    }
    out.println(
        "honest look-alikes, over all worlds: accused (high with a fraud-side role) · high for any reason · of");
    honest.forEach(
        (k, c) -> out.printf(Locale.ROOT, "  %-20s %5d · %5d · of %6d%n", k, c[0], c[1], c[2]));
  }

  private static void line(
      PrintStream out,
      String name,
      List<Evaluate.Result> results,
      ToDoubleFunction<Evaluate.Result> f) {
    line(out, name, results, f, Double.NaN);
  }

  private static void line(
      PrintStream out,
      String name,
      List<Evaluate.Result> results,
      ToDoubleFunction<Evaluate.Result> f,
      double pooled) {
    line(out, name, results.stream().map(f::applyAsDouble).toList(), pooled);
  }

  private static void line(PrintStream out, String name, List<Double> values, double pooled) {
    double sum = 0;
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (double v : values) {
      sum += v;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    out.printf(
        Locale.ROOT,
        "%-58s %8.3f %8.3f %8.3f %8s%n",
        name,
        sum / values.size(),
        lo,
        hi,
        Double.isNaN(pooled) ? "" : String.format(Locale.ROOT, "%.3f", pooled));
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  /**
   * Returns a role's counts summed over the worlds: precision and recall as if they were one city.
   */
  static RoleScore pooled(List<Evaluate.Result> results, String row) {
    RoleScore s = new RoleScore(0, 0, 0);
    for (Evaluate.Result r : results) {
      s = s.plus(r.score(row));
    }
    return s;
  }
}
