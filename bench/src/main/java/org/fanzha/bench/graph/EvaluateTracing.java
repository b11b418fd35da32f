package org.fanzha.bench.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.money.Money;
import org.fanzha.core.time.Timestamps;
import org.fanzha.graph.funds.ForwardTrace;
import org.fanzha.graph.funds.ForwardTracer;
import org.fanzha.graph.funds.FreezePlan;
import org.fanzha.graph.funds.ReverseTrace;
import org.fanzha.graph.funds.ReverseTracer;
import org.fanzha.graph.funds.Statement;
import org.fanzha.graph.funds.TraceSettings;
import org.fanzha.graph.funds.TransferGraph;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Prints how well fund tracing does: on simulated worlds, the share of stolen money located
 * (holdings + cash-outs) and the precision of the freeze plan against the simulator's ground truth;
 * on the AMLSim export, how many fan-in alert accounts a reverse trace from each alert's collector
 * finds.
 *
 * <pre>
 * java -Xmx6g -cp bench/target/benchmarks.jar org.fanzha.bench.graph.EvaluateTracing [people=20000] [days=30] [worlds=3] [firstSeed=1] [data=/work/shared/data]
 * </pre>
 *
 * Worlds are seeds {@code firstSeed .. firstSeed + worlds - 1}. The freeze-plan rule's thresholds
 * were chosen on seeds 11–13 (10,000 people, 30 days); seeds 1–3 and 21–25 are held out. Each world
 * also prints the precision of the plan under the minimum holding alone (the rule before the
 * statement test), for comparison.
 *
 * <p>With the environment variable {@code FANZHA_EVAL_DEBUG} set, every planned account that is not
 * a mule and every mule left out is listed with its statement, to see where precision is lost.
 */
@Command(
    name = "evaluate-tracing",
    mixinStandardHelpOptions = true,
    description =
        "Scores fund tracing and freeze plans on simulated worlds, and on AMLSim when it is there.")
public final class EvaluateTracing implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "20000",
      description = "people per world (default: ${DEFAULT-VALUE})")
  int people;

  @Parameters(
      index = "1",
      arity = "0..1",
      defaultValue = "30",
      description = "days per world (default: ${DEFAULT-VALUE})")
  int days;

  @Parameters(
      index = "2",
      arity = "0..1",
      defaultValue = "3",
      description = "worlds (default: ${DEFAULT-VALUE})")
  int worlds;

  @Parameters(
      index = "3",
      arity = "0..1",
      defaultValue = "1",
      description = "first world's seed (default: ${DEFAULT-VALUE})")
  int firstSeed;

  @Parameters(
      index = "4",
      arity = "0..1",
      defaultValue = "/work/shared/data",
      description = "folder of the data sets (default: ${DEFAULT-VALUE})")
  Path data;

  public static void main(String[] args) {
    System.exit(new CommandLine(new EvaluateTracing()).execute(args));
  }

  private EvaluateTracing() {}

  @Override
  public Integer call() throws IOException {
    System.out.println("== simulated worlds (FIFO, defaults: 6 hops, 7 days, min 1.00 yuan)");
    System.out.println(
        "world  victims  stolen(yuan)   located  cashed  held   untraced  plan  plan-precision  amount-precision  mules-in-plan  not-planned(mules)  min-only-precision");
    double[] sums = new double[6];
    for (int w = firstSeed; w < firstSeed + worlds; w++) {
      simulated(w, people, days, sums);
    }
    System.out.printf(
        Locale.ROOT,
        "all    located %.4f   freeze-plan precision %.4f (%d of %d; minimum alone: %.4f) (target: located >= 0.98, precision >= 0.95)%n",
        sums[0] / sums[1],
        sums[2] / sums[3],
        (long) sums[2],
        (long) sums[3],
        sums[4] / sums[5]);
    Path aml = data.resolve("amlsim-small-export");
    if (Files.exists(aml.resolve("transactions.csv"))) {
      amlsim(aml);
    } else {
      System.out.println("== AMLSim: " + aml + " not found, skipped");
    }
    return 0;
  }

  static void simulated(int seed, int people, int days, double[] sums) {
    World world = World.generate(SimConfig.of(seed, people, days));
    Set<String> mules = world.truth().entities(EntityKind.ACCOUNT, Role.MULE);
    Set<String> victimAccounts = world.truth().entities(EntityKind.ACCOUNT, Role.VICTIM);
    TransferGraph g = new TransferGraph(1 << 20);
    List<TransferEvent> seeds = new ArrayList<>();
    Set<String> reported = new HashSet<>();
    world.forEachEvent(
        e -> {
          if (e instanceof TransferEvent t) {
            g.append(t);
            // the victim's own payment to the fraudster's first card: what a report names
            if (victimAccounts.contains(t.from()) && mules.contains(t.to())) {
              seeds.add(t);
            }
          } else if (e instanceof ReportEvent r) {
            reported.addAll(r.transferIds());
          }
        });
    g.compact();
    ForwardTracer tracer = new ForwardTracer(g, TraceSettings.DEFAULTS);
    List<ForwardTrace> traces = new ArrayList<>();
    long stolen = 0;
    long held = 0;
    long cashed = 0;
    long untraced = 0;
    int reportedSeeds = 0;
    for (TransferEvent t : seeds) {
      ForwardTrace tr = tracer.traceTransfer(t).orElseThrow();
      traces.add(tr);
      stolen += tr.seed().amountFen();
      held += tr.heldFen();
      cashed += tr.cashedOutFen();
      untraced += tr.untracedFen();
      if (reported.contains(t.id())) {
        reportedSeeds++;
      }
    }
    FreezePlan plan = FreezePlan.combine(g, traces, g.latestTs());
    FreezePlan before =
        FreezePlan.combine(
            g, traces, g.latestTs(), FreezePlan.Rule.minimumOnly(FreezePlan.DEFAULT_MIN_FEN));
    int rightBefore = 0;
    for (FreezePlan.Item i : before.items()) {
      if (mules.contains(i.account())) {
        rightBefore++;
      }
    }
    int leftMules = 0;
    for (FreezePlan.NotPlanned n : plan.notPlanned()) {
      if (mules.contains(n.account())) {
        leftMules++;
      }
    }
    int right = 0;
    long rightFen = 0;
    for (FreezePlan.Item i : plan.items()) {
      if (mules.contains(i.account())) {
        right++;
        rightFen += i.amountFen();
      }
    }
    if ("all".equals(System.getenv("FANZHA_EVAL_DEBUG"))) {
      for (FreezePlan.Item i : before.items()) {
        Statement st = i.statement();
        System.out.printf(
            Locale.ROOT,
            "  candidate %-5s tier %d traces %d held %s traced %.3f chain %.3f pass %.3f in %s%n",
            mules.contains(i.account()) ? "MULE" : "other",
            i.tier(),
            i.traces(),
            Money.formatYuan(i.amountFen()),
            st == null ? 1.0 : st.tracedShare(),
            st == null ? 1.0 : st.chainShare(),
            st == null ? 1.0 : st.passThroughShare(),
            st == null ? "-" : Money.formatYuan(st.inFen()));
      }
    }
    if (System.getenv("FANZHA_EVAL_DEBUG") != null) {
      for (FreezePlan.Item i : plan.items()) {
        if (!mules.contains(i.account())) {
          System.out.println(
              "  planned, not a mule: " + i + " victim=" + victimAccounts.contains(i.account()));
        }
      }
      for (FreezePlan.NotPlanned n : plan.notPlanned()) {
        System.out.println(
            "  not planned, " + (mules.contains(n.account()) ? "MULE: " : "not a mule: ") + n);
      }
    }
    double located = stolen == 0 ? 0 : (double) (held + cashed) / stolen;
    double precision = plan.items().isEmpty() ? 0 : (double) right / plan.items().size();
    double amountPrecision = plan.totalFen() == 0 ? 0 : (double) rightFen / plan.totalFen();
    System.out.printf(
        Locale.ROOT,
        "%-6d %-8d %-14s %-8.4f %-7.4f %-6.4f %-9.4f %-5d %-15.4f %-17.4f %-14s %-19s %.4f (%d of %d)%n",
        seed,
        seeds.size(),
        Money.formatYuan(stolen),
        located,
        (double) cashed / Math.max(1, stolen),
        (double) held / Math.max(1, stolen),
        (double) untraced / Math.max(1, stolen),
        plan.items().size(),
        precision,
        amountPrecision,
        right + " of " + mules.size(),
        plan.notPlanned().size() + " (" + leftMules + ")",
        (double) rightBefore / Math.max(1, before.items().size()),
        rightBefore,
        before.items().size());
    System.out.printf(
        Locale.ROOT,
        "       (%d transfers, %d accounts; %d of the traced payments were named in reports)%n",
        g.transferCount(),
        g.accountCount(),
        reportedSeeds);
    sums[0] += held + cashed;
    sums[1] += stolen;
    sums[2] += right;
    sums[3] += plan.items().size();
    sums[4] += rightBefore;
    sums[5] += before.items().size();
  }

  /**
   * AMLSim fan-in alerts: reverse trace from each collector over the alert's period, one hop back.
   */
  static void amlsim(Path dir) throws IOException {
    TransferGraph g = new TransferGraph();
    Map<String, Map<String, Integer>> beneCount = new TreeMap<>();
    Map<String, long[]> alertSpan = new TreeMap<>();
    List<String> lines =
        Files.readAllLines(dir.resolve("transactions.csv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      long ts = Timestamps.parseIso(f[5]);
      g.append("amlsim:" + f[1], "amlsim:" + f[2], ts, Money.parseYuan(f[4]), null);
      if (!f[7].equals("-1")) {
        beneCount.computeIfAbsent(f[7], k -> new TreeMap<>()).merge(f[2], 1, Integer::sum);
        long[] span =
            alertSpan.computeIfAbsent(f[7], k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
        span[0] = Math.min(span[0], ts);
        span[1] = Math.max(span[1], ts);
      }
    }
    Map<String, Set<String>> alertAccounts = new TreeMap<>();
    List<String> acc =
        Files.readAllLines(dir.resolve("alert_accounts.csv"), StandardCharsets.UTF_8);
    for (String line : acc.subList(1, acc.size())) {
      String[] f = line.split(",");
      alertAccounts.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[2]);
    }
    System.out.printf(
        Locale.ROOT,
        "== AMLSim %s: %d transactions, %d accounts, %d fan-in alerts%n",
        dir.getFileName(),
        g.transferCount(),
        g.accountCount(),
        alertAccounts.size());
    System.out.println(
        "alert  collector  alert-accounts  found-by-reverse-trace  other-senders  recall   precision");
    ReverseTracer rt = new ReverseTracer(g, TraceSettings.DEFAULTS.withMaxHops(1));
    int foundAll = 0;
    int totalAll = 0;
    int otherAll = 0;
    for (Map.Entry<String, Map<String, Integer>> en : beneCount.entrySet()) {
      String collector =
          en.getValue().entrySet().stream()
              .max(Map.Entry.comparingByValue())
              .orElseThrow()
              .getKey();
      long[] span = Objects.requireNonNull(alertSpan.get(en.getKey()));
      ReverseTrace r = rt.trace("amlsim:" + collector, span[0], span[1]);
      Set<String> members = new HashSet<>(alertAccounts.getOrDefault(en.getKey(), Set.of()));
      members.remove(collector);
      Set<String> senders = new HashSet<>();
      for (ReverseTrace.Sender s : r.senders()) {
        senders.add(s.account().substring("amlsim:".length()));
      }
      int found = 0;
      for (String m : members) {
        if (senders.contains(m)) {
          found++;
        }
      }
      int other = senders.size() - found;
      foundAll += found;
      totalAll += members.size();
      otherAll += other;
      System.out.printf(
          Locale.ROOT,
          "%-6s %-10s %-15d %-23d %-14d %-8.3f %.3f%n",
          en.getKey(),
          collector,
          members.size(),
          found,
          other,
          (double) found / Math.max(1, members.size()),
          (double) found / Math.max(1, senders.size()));
    }
    System.out.printf(
        Locale.ROOT,
        "all    found %d of %d alert accounts (recall %.3f); %d other senders in the same periods%n",
        foundAll,
        totalAll,
        (double) foundAll / Math.max(1, totalAll),
        otherAll);
  }
}
