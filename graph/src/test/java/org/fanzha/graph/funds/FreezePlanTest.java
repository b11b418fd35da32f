package org.fanzha.graph.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class FreezePlanTest {

  static final long T0 = ForwardTracerTest.T0;
  static final long MIN = ForwardTracerTest.MIN;

  @Test
  void of_largestFirstWithStopForFreshMoney() {
    ForwardTrace t = new ForwardTracer(ForwardTracerTest.designExample(), TraceSettings.DEFAULTS).traceEdge(0);

    FreezePlan plan = FreezePlan.of(t, T0 + 60 * MIN);

    assertThat(plan.items()).extracting("account", "amountFen", "tier", "action")
        .containsExactly(tuple(ForwardTracerTest.B, 600_000L, 2, FreezePlan.Action.STOP),
            tuple(ForwardTracerTest.C, 400_000L, 2, FreezePlan.Action.STOP));
    assertThat(plan.totalFen()).isEqualTo(1_000_000);
    assertThat(plan.items().get(0).tierZh()).isEqualTo("二级卡");
  }

  @Test
  void of_moneyRestingLongerThan48Hours_getsFreeze() {
    ForwardTrace t = new ForwardTracer(ForwardTracerTest.designExample(), TraceSettings.DEFAULTS).traceEdge(0);

    FreezePlan plan = FreezePlan.of(t, T0 + 49 * 60 * MIN);

    assertThat(plan.items()).extracting("action").containsOnly(FreezePlan.Action.FREEZE);
  }

  @Test
  void combine_twoVictimsSameMule_addsUpAndSkipsVictims() {
    TransferGraph g = new TransferGraph();
    g.append("6222000000000000011", "6217000000000000099", T0, 300_000, null);
    g.append("6222000000000000022", "6217000000000000099", T0 + MIN, 200_000, null);
    g.append("6217000000000000099", "6222000000000000011", T0 + 2 * MIN, 1_000, null); // "refund" bait
    ForwardTracer tr = new ForwardTracer(g, TraceSettings.DEFAULTS);

    FreezePlan plan = FreezePlan.combine(List.of(tr.traceEdge(0), tr.traceEdge(1)), T0 + 10 * MIN);

    assertThat(plan.items()).extracting("account", "amountFen", "traces")
        .containsExactly(tuple("6217000000000000099", 499_000L, 2));
  }

  @Test
  void combine_smallHoldingsCountedButNotPlanned() {
    TransferGraph g = new TransferGraph();
    g.append("6222000000000000011", "6217000000000000099", T0, 300_000, null);
    g.append("6217000000000000099", "alipay:noodle-shop", T0 + MIN, 3_500, null); // a 35-yuan meal
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(0);

    FreezePlan plan = FreezePlan.combine(List.of(t), T0 + 10 * MIN, FreezePlan.DEFAULT_MIN_FEN);

    assertThat(plan.items()).extracting("account").containsExactly("6217000000000000099");
    assertThat(plan.belowMinimumAccounts()).isEqualTo(1);
    assertThat(plan.belowMinimumFen()).isEqualTo(3_500);
  }
}
