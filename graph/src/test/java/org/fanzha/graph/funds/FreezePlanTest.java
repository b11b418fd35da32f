package org.fanzha.graph.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.fanzha.core.event.Channel;
import org.junit.jupiter.api.Test;

class FreezePlanTest {

  static final long T0 = ForwardTracerTest.T0;
  static final long MIN = ForwardTracerTest.MIN;
  static final long HOUR = 60 * MIN;
  static final long DAY = 24 * HOUR;

  static final String VICTIM = "6222020200112233445";
  static final String EMPLOYER = "6222600000000000001";
  static final String MULE = "6217000010001234567"; // a resident's own old card, rented to the gang
  static final String NEXT_MULE = "6217000010007654321";
  static final String SHOP = "6228480000000000777";
  static final String RELATIVE = "6222020200999999999";

  @Test
  void of_largestFirstWithStopForFreshMoney() {
    TransferGraph g = ForwardTracerTest.designExample();
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(0);

    FreezePlan plan = FreezePlan.of(g, t, T0 + 60 * MIN);

    // B and C received only traced money, 5 and 15 minutes after it reached A
    assertThat(plan.items())
        .extracting("account", "amountFen", "tier", "action", "basis")
        .containsExactly(
            tuple(
                ForwardTracerTest.B,
                600_000L,
                2,
                FreezePlan.Action.STOP,
                FreezePlan.Basis.CHAIN_FED),
            tuple(
                ForwardTracerTest.C,
                400_000L,
                2,
                FreezePlan.Action.STOP,
                FreezePlan.Basis.CHAIN_FED));
    assertThat(plan.totalFen()).isEqualTo(1_000_000);
    assertThat(plan.items().get(0).tierZh()).isEqualTo("二级卡");
  }

  @Test
  void of_moneyRestingLongerThan48Hours_getsFreeze() {
    TransferGraph g = ForwardTracerTest.designExample();
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(0);

    FreezePlan plan = FreezePlan.of(g, t, T0 + 49 * 60 * MIN);

    assertThat(plan.items()).extracting("action").containsOnly(FreezePlan.Action.FREEZE);
  }

  @Test
  void combine_twoVictimsSameMule_addsUpAndSkipsVictims() {
    TransferGraph g = new TransferGraph();
    g.append("6222000000000000011", "6217000000000000099", T0, 300_000, null);
    g.append("6222000000000000022", "6217000000000000099", T0 + MIN, 200_000, null);
    g.append(
        "6217000000000000099", "6222000000000000011", T0 + 2 * MIN, 1_000, null); // "refund" bait
    ForwardTracer tr = new ForwardTracer(g, TraceSettings.DEFAULTS);

    FreezePlan plan =
        FreezePlan.combine(g, List.of(tr.traceEdge(0), tr.traceEdge(1)), T0 + 10 * MIN);

    assertThat(plan.items())
        .extracting("account", "amountFen", "traces")
        .containsExactly(tuple("6217000000000000099", 499_000L, 2));
    // both victims' payments are all that came in (3,000 + 2,000); the 10-yuan "refund" left a
    // minute after the 2,000 arrived; the period runs to the end of the later victim's window
    assertThat(plan.items().get(0).statement())
        .isEqualTo(
            new Statement(
                T0, T0 + MIN + Duration.ofDays(7).toMillis(), 500_000, 500_000, 500_000, 1_000));
  }

  @Test
  void combine_smallHoldingsCountedButNotPlanned() {
    TransferGraph g = new TransferGraph();
    g.append("6222000000000000011", "6217000000000000099", T0, 300_000, null);
    g.append("6217000000000000099", "alipay:noodle-shop", T0 + MIN, 3_500, null); // a 35-yuan meal
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(0);

    FreezePlan plan = FreezePlan.combine(g, List.of(t), T0 + 10 * MIN);

    assertThat(plan.items()).extracting("account").containsExactly("6217000000000000099");
    assertThat(plan.notPlanned()).isEmpty();
    assertThat(plan.belowMinimumAccounts()).isEqualTo(1);
    assertThat(plan.belowMinimumFen()).isEqualTo(3_500);
  }

  /**
   * A rented card pays a shop and a relative from its own balance after the stolen money went
   * through it. Worked by hand (FIFO, amounts in yuan):
   *
   * <pre>
   * T0-2d  employer → M 3,000        M: [own 3,000]
   * T0     victim → M 10,000 (seed)  M: [own 3,000 | traced 10,000]
   * T0+5m  M → N 9,800               own 3,000 + traced 6,800; M keeps traced 3,200
   * T0+12m N → ATM 5,500             N: [traced 6,800 | other 3,000] → traced 5,500; N keeps 1,300
   * T0+2d  M → shop 2,000            traced 2,000; M keeps 1,200
   *        customers → shop 2,000 (T0+2d+1h), 2,500 (+3h), 1,500 (T0+3d)
   * T0+3d  M → relative 1,200        traced 1,200; M keeps 0
   * </pre>
   *
   * Books: 1,300 + 2,000 + 1,200 held + 5,500 cashed = 10,000. N's statement from T0+5m: in 9,800,
   * traced 6,800, paid by the chain 9,800 (5 minutes after the stolen money reached M), 5,500 out 7
   * minutes after arriving (0.561): pass-through, planned. The shop: in 8,000, traced 2,000, none
   * of it paid by the chain (the 2,000 rested two days in M), nothing out: not planned. The
   * relative: in 1,200, all traced, but it rested 3 days in M: not planned.
   */
  static TransferGraph rentedCardPaysShopAndRelative() {
    TransferGraph g = new TransferGraph();
    g.append(EMPLOYER, MULE, T0 - 2 * DAY, 300_000, Channel.ONLINE);
    g.append(VICTIM, MULE, T0, 1_000_000, Channel.MOBILE);
    g.append(MULE, NEXT_MULE, T0 + 5 * MIN, 980_000, Channel.MOBILE);
    g.append(NEXT_MULE, "cash:ATM-410400-9", T0 + 12 * MIN, 550_000, Channel.ATM);
    g.append(MULE, SHOP, T0 + 2 * DAY, 200_000, Channel.POS);
    g.append("6222000000000000101", SHOP, T0 + 2 * DAY + HOUR, 200_000, Channel.POS);
    g.append("6222000000000000102", SHOP, T0 + 2 * DAY + 3 * HOUR, 250_000, Channel.POS);
    g.append("6222000000000000103", SHOP, T0 + 3 * DAY, 150_000, Channel.POS);
    g.append(MULE, RELATIVE, T0 + 3 * DAY + HOUR, 120_000, Channel.MOBILE);
    return g;
  }

  @Test
  void of_mulePaysShopAndRelative_onlyNextTierMulePlanned() {
    TransferGraph g = rentedCardPaysShopAndRelative();
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(1);
    long windowEnd = T0 + Duration.ofDays(7).toMillis();

    FreezePlan plan = FreezePlan.of(g, t, T0 + 3 * DAY + 2 * HOUR);

    // the trace itself still finds every fen
    assertThat(t.holdings())
        .extracting("account", "amountFen")
        .containsExactly(
            tuple(SHOP, 200_000L), tuple(NEXT_MULE, 130_000L), tuple(RELATIVE, 120_000L));
    assertThat(t.cashedOutFen()).isEqualTo(550_000);
    assertThat(plan.items())
        .extracting("account", "amountFen", "tier", "action", "basis")
        .containsExactly(
            tuple(NEXT_MULE, 130_000L, 2, FreezePlan.Action.FREEZE, FreezePlan.Basis.PASS_THROUGH));
    assertThat(plan.items().get(0).statement())
        .isEqualTo(new Statement(T0 + 5 * MIN, windowEnd, 980_000, 680_000, 980_000, 550_000));
    assertThat(plan.notPlanned())
        .extracting("account", "amountFen", "statement")
        .containsExactly(
            tuple(SHOP, 200_000L, new Statement(T0 + 2 * DAY, windowEnd, 800_000, 200_000, 0, 0)),
            tuple(
                RELATIVE,
                120_000L,
                new Statement(T0 + 3 * DAY + HOUR, windowEnd, 120_000, 120_000, 0, 0)));
    assertThat(plan.notPlanned().get(0).reasonZh())
        .isEqualTo("普通收款方（商户、亲友等）：资金链转入占入账 0.0%，快进快出 0.0%，涉案资金占入账 25.0%");
    assertThat(plan.totalFen()).isEqualTo(130_000);
  }

  @Test
  void of_minimumOnlyRule_plansShopAndRelativeToo() {
    TransferGraph g = rentedCardPaysShopAndRelative();
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(1);

    FreezePlan plan =
        FreezePlan.combine(
            g,
            List.of(t),
            T0 + 3 * DAY + 2 * HOUR,
            FreezePlan.Rule.minimumOnly(FreezePlan.DEFAULT_MIN_FEN));

    assertThat(plan.items()).extracting("account").containsExactly(SHOP, NEXT_MULE, RELATIVE);
    assertThat(plan.notPlanned()).isEmpty();
  }

  /**
   * A mule card mostly fed by victims nobody reported: 12,000 traced and 108,000 other money in,
   * 108,000 out two minutes later. Proportionally the payment carries 10,800 traced; 1,200 stays.
   * The card: paid by the chain 12,000 of 120,000 (0.1), but 108,000 went straight out (0.9):
   * planned as pass-through. The next card: all 108,000 in was paid by the chain, two minutes after
   * the stolen money reached the payer (traced share only 0.1): planned as chain-fed.
   */
  @Test
  void of_mostlyUntracedMoneyPassingThrough_plannedAsPassThrough() {
    TransferGraph g = new TransferGraph();
    g.append(VICTIM, MULE, T0, 1_200_000, Channel.MOBILE);
    g.append("6222000000000000404", MULE, T0 + MIN, 10_800_000, Channel.MOBILE);
    g.append(MULE, NEXT_MULE, T0 + 3 * MIN, 10_800_000, Channel.MOBILE);
    ForwardTrace t =
        new ForwardTracer(g, TraceSettings.DEFAULTS.withPolicy(AllocationPolicy.PROPORTIONAL))
            .traceEdge(0);

    FreezePlan plan = FreezePlan.of(g, t, T0 + HOUR);
    FreezePlan strict =
        FreezePlan.combine(
            g,
            List.of(t),
            T0 + HOUR,
            new FreezePlan.Rule(FreezePlan.DEFAULT_MIN_FEN, 0.5, 0.95, Duration.ofHours(1)));

    assertThat(plan.items())
        .extracting("account", "amountFen", "basis")
        .containsExactly(
            tuple(NEXT_MULE, 1_080_000L, FreezePlan.Basis.CHAIN_FED),
            tuple(MULE, 120_000L, FreezePlan.Basis.PASS_THROUGH));
    assertThat(plan.items().get(1).statement().tracedShare()).isEqualTo(0.1);
    assertThat(plan.items().get(1).statement().passThroughShare()).isEqualTo(0.9);
    assertThat(strict.notPlanned()).extracting("account").containsExactly(MULE);
  }

  @Test
  void of_accountSeed_tracedAccountAlwaysPlanned() {
    TransferGraph g = new TransferGraph();
    g.append(MULE, SHOP, T0 + MIN, 500_000, null);
    g.append(SHOP, MULE, T0 + DAY, 500_000, null); // comes back after a day
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceAccount(MULE, T0);

    FreezePlan plan = FreezePlan.of(g, t, T0 + DAY + MIN);

    assertThat(plan.items())
        .extracting("account", "tier", "basis", "statement")
        .containsExactly(tuple(MULE, 0, FreezePlan.Basis.TRACED_ACCOUNT, null));
  }

  @Test
  void rule_shareOutOfRange_refused() {
    assertThatThrownBy(() -> new FreezePlan.Rule(100_000, 1.5, 0.5, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> new FreezePlan.Rule(0, 0.5, 0.5, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minFen");
  }
}
