package org.fanzha.graph.funds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.fanzha.graph.funds.ForwardTrace.Holding;
import org.fanzha.graph.funds.ForwardTrace.SeedKind;

/**
 * Invariants of the freeze plan on random graphs: it chooses among holdings, it never loses one.
 */
class FreezePlanProperties {

  @Property(tries = 200)
  void combine_everyHoldingPlannedLeftOrCountedOnce(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 20) int accounts,
      @ForAll @IntRange(min = 1, max = 250) int transfers,
      @ForAll @IntRange(min = 1, max = 4) int victims,
      @ForAll @IntRange(min = 0, max = 300_000) int minFen) {
    TransferGraph g = RandomTransfers.generate(seed, accounts, transfers, 6, false).graph(16);
    List<ForwardTrace> traces = traces(g, seed, transfers, victims);
    FreezePlan.Rule rule = FreezePlan.Rule.DEFAULT.withMinFen(Math.max(1, minFen));

    FreezePlan plan = FreezePlan.combine(g, traces, RandomTransfers.T0 + 7_200_000, rule);

    Set<String> payers = new HashSet<>();
    for (ForwardTrace t : traces) {
      if (t.seed().kind() == SeedKind.TRANSFER) {
        payers.add(t.seed().account());
      }
    }
    Map<String, Long> expected = new HashMap<>();
    for (ForwardTrace t : traces) {
      for (Holding h : t.holdings()) {
        if (!payers.contains(h.account()) && !h.account().startsWith("cash:")) {
          expected.merge(h.account(), h.amountFen(), Long::sum);
        }
      }
    }
    Map<String, Long> listed = new HashMap<>();
    plan.items().forEach(i -> assertThat(listed.put(i.account(), i.amountFen())).isNull());
    plan.notPlanned().forEach(n -> assertThat(listed.put(n.account(), n.amountFen())).isNull());
    long below = 0;
    int belowN = 0;
    for (Map.Entry<String, Long> en : expected.entrySet()) {
      if (en.getValue() < rule.minFen()) {
        below += en.getValue();
        belowN++;
      } else {
        assertThat(listed).containsEntry(en.getKey(), en.getValue());
      }
    }
    assertThat(listed).hasSize(expected.size() - belowN);
    assertThat(plan.belowMinimumAccounts()).isEqualTo(belowN);
    assertThat(plan.belowMinimumFen()).isEqualTo(below);
    assertThat(plan.totalFen())
        .isEqualTo(plan.items().stream().mapToLong(FreezePlan.Item::amountFen).sum());
  }

  @Property(tries = 200)
  void combine_statementSharesWithinBounds(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 20) int accounts,
      @ForAll @IntRange(min = 1, max = 250) int transfers,
      @ForAll @IntRange(min = 1, max = 4) int victims) {
    TransferGraph g = RandomTransfers.generate(seed, accounts, transfers, 6, false).graph(16);
    List<ForwardTrace> traces = traces(g, seed, transfers, victims);

    FreezePlan plan =
        FreezePlan.combine(
            g, traces, RandomTransfers.T0 + 7_200_000, FreezePlan.Rule.DEFAULT.withMinFen(1));

    List<Statement> statements = new ArrayList<>();
    plan.items()
        .forEach(
            i -> {
              if (i.statement() != null) {
                statements.add(i.statement());
              }
            });
    plan.notPlanned().forEach(n -> statements.add(n.statement()));
    assertThat(statements)
        .allSatisfy(
            st -> {
              assertThat(st.fromTs()).isLessThanOrEqualTo(st.toTs());
              assertThat(st.quickOutFen()).isBetween(0L, st.inFen());
              assertThat(st.chainInFen()).isBetween(0L, st.inFen());
              assertThat(st.tracedInFen()).isPositive();
            });
  }

  @Property(tries = 150)
  void combine_statementTestOnlyRemovesFromTheMinimumOnlyPlan(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 20) int accounts,
      @ForAll @IntRange(min = 1, max = 250) int transfers,
      @ForAll @IntRange(min = 1, max = 4) int victims) {
    TransferGraph g = RandomTransfers.generate(seed, accounts, transfers, 6, false).graph(16);
    List<ForwardTrace> traces = traces(g, seed, transfers, victims);
    long asOf = RandomTransfers.T0 + 7_200_000;

    FreezePlan plan = FreezePlan.combine(g, traces, asOf, FreezePlan.Rule.DEFAULT);
    FreezePlan all =
        FreezePlan.combine(
            g, traces, asOf, FreezePlan.Rule.minimumOnly(FreezePlan.DEFAULT_MIN_FEN));

    Set<String> union = new HashSet<>();
    plan.items().forEach(i -> union.add(i.account()));
    plan.notPlanned().forEach(n -> union.add(n.account()));
    Set<String> before = new HashSet<>();
    all.items().forEach(i -> before.add(i.account()));
    assertThat(union).isEqualTo(before);
    assertThat(all.notPlanned()).isEmpty();
  }

  private static List<ForwardTrace> traces(TransferGraph g, long seed, int transfers, int victims) {
    ForwardTracer tracer = new ForwardTracer(g, TraceSettings.DEFAULTS);
    List<ForwardTrace> traces = new ArrayList<>();
    for (int k = 0; k < victims; k++) {
      traces.add(tracer.traceEdge(Math.floorMod(seed + 31L * k, transfers)));
    }
    return traces;
  }
}
