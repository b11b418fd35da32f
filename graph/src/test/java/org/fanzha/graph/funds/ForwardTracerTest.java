package org.fanzha.graph.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import org.fanzha.core.event.Channel;
import org.fanzha.core.time.Timestamps;
import org.fanzha.graph.funds.ForwardTrace.HoldReason;
import org.junit.jupiter.api.Test;

/** Small cases worked by hand (the amounts below were computed on paper, not by the tracer). */
class ForwardTracerTest {

  static final long T0 = Timestamps.parseIso("2026-11-27T10:00:00+08:00");
  static final long MIN = 60_000;

  static final String VICTIM = "6222020200112233445";
  static final String A = "6217000010001234567";
  static final String B = "6217000010007654321";
  static final String C = "alipay:c-mule";
  static final String X = "6222000000000000001";

  /** The design comment's example: V→A 10,000; X→A 4,000; A→B 6,000; A→C 6,000; A→ATM 2,000. */
  static TransferGraph designExample() {
    TransferGraph g = new TransferGraph();
    g.append(VICTIM, A, T0, 1_000_000, Channel.MOBILE);
    g.append(X, A, T0 + 5 * MIN, 400_000, Channel.MOBILE);
    g.append(A, B, T0 + 10 * MIN, 600_000, Channel.MOBILE);
    g.append(A, C, T0 + 20 * MIN, 600_000, Channel.THIRD_PARTY);
    g.append(A, "cash:T1", T0 + 30 * MIN, 200_000, Channel.ATM);
    return g;
  }

  @Test
  void traceEdge_fifoDesignExample() {
    ForwardTrace t = new ForwardTracer(designExample(), TraceSettings.DEFAULTS).traceEdge(0);

    assertThat(t.seed().amountFen()).isEqualTo(1_000_000);
    assertThat(t.holdings())
        .extracting("account", "amountFen", "hop", "reason")
        .containsExactly(
            tuple(B, 600_000L, 2, HoldReason.HELD), tuple(C, 400_000L, 2, HoldReason.HELD));
    assertThat(t.cashedOut()).isEmpty();
    assertThat(t.untracedFen()).isZero();
    assertThat(t.edges())
        .extracting("from", "to", "amountFen", "hop")
        .containsExactly(
            tuple(VICTIM, A, 1_000_000L, 1), tuple(A, B, 600_000L, 2), tuple(A, C, 400_000L, 2));
    assertThat(t.accounts())
        .extracting("account", "tier")
        .containsExactly(tuple(VICTIM, 0), tuple(A, 1), tuple(B, 2), tuple(C, 2));
  }

  @Test
  void traceEdge_proportionalDesignExample() {
    TraceSettings s = TraceSettings.DEFAULTS.withPolicy(AllocationPolicy.PROPORTIONAL);
    ForwardTrace t = new ForwardTracer(designExample(), s).traceEdge(0);

    // 6,000 × 10,000/14,000 = 4,285.714… → 4,285.71 ; 6,000 × 5,714.29/8,000 = 4,285.7175 →
    // 4,285.72 (largest remainder) ; the ATM takes the remaining 1,428.57
    assertThat(t.holdings())
        .extracting("account", "amountFen")
        .containsExactly(tuple(C, 428_572L), tuple(B, 428_571L));
    assertThat(t.cashedOut())
        .extracting("account", "to", "amountFen", "channel")
        .containsExactly(tuple(A, "cash:T1", 142_857L, Channel.ATM));
  }

  @Test
  void traceEdge_paymentBeforeArrivalCarriesNothing() {
    TransferGraph g = new TransferGraph();
    g.append(X, A, T0 - 10 * MIN, 300_000, null);
    g.append(A, B, T0 - 5 * MIN, 300_000, null); // before the victim paid: not our money
    g.append(VICTIM, A, T0, 500_000, null);
    g.append(A, C, T0 + MIN, 200_000, null);

    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(2);

    assertThat(t.edges()).extracting("to").doesNotContain(B);
    assertThat(t.holdings())
        .extracting("account", "amountFen")
        .containsExactly(tuple(A, 300_000L), tuple(C, 200_000L));
  }

  @Test
  void traceEdge_moneyAlreadyInAccountLeavesFirst() {
    TransferGraph g = new TransferGraph();
    g.append(X, A, T0 - 10 * MIN, 300_000, null); // within the 7-day lookback: A holds 3,000
    g.append(VICTIM, A, T0, 500_000, null);
    g.append(A, C, T0 + MIN, 200_000, null); // FIFO: paid from the older 3,000

    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(1);

    assertThat(t.holdings()).extracting("account", "amountFen").containsExactly(tuple(A, 500_000L));
    assertThat(t.edges()).hasSize(1);
  }

  @Test
  void traceEdge_splitAndMergeThreeTiers() {
    // V pays A 9,000; A splits 5,000 to B and 4,000 to C; B and C both pay D (merge); D withdraws.
    TransferGraph g = new TransferGraph();
    int seed = g.append(VICTIM, A, T0, 900_000, null);
    g.append(A, B, T0 + MIN, 500_000, null);
    g.append(A, C, T0 + 2 * MIN, 400_000, null);
    g.append(C, "6222888800001111", T0 + 3 * MIN, 400_000, null);
    g.append(B, "6222888800001111", T0 + 4 * MIN, 300_000, null);
    g.append("6222888800001111", "cash:ATM-410400-7", T0 + 5 * MIN, 600_000, Channel.ATM);

    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(seed);

    // D received 4,000 (hop 3 via C) then 3,000 (hop 3 via B); the ATM takes the first 6,000.
    assertThat(t.cashedOut())
        .extracting("account", "amountFen", "hop")
        .containsExactly(tuple("6222888800001111", 600_000L, 4));
    assertThat(t.holdings())
        .extracting("account", "amountFen", "hop")
        .containsExactly(tuple(B, 200_000L, 2), tuple("6222888800001111", 100_000L, 3));
    assertThat(t.accounts())
        .extracting("account", "tier")
        .contains(tuple(A, 1), tuple(B, 2), tuple(C, 2), tuple("6222888800001111", 3));
  }

  @Test
  void traceEdge_hopLimitLeavesMoneyAtLastTier() {
    TransferGraph g = new TransferGraph();
    String[] chain = {VICTIM, "acct:1", "acct:2", "acct:3", "acct:4"};
    for (int i = 0; i + 1 < chain.length; i++) {
      g.append(chain[i], chain[i + 1], T0 + i * MIN, 100_000, null);
    }
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS.withMaxHops(2)).traceEdge(0);

    assertThat(t.holdings())
        .extracting("account", "amountFen", "hop", "reason")
        .containsExactly(tuple("acct:2", 100_000L, 2, HoldReason.HOP_LIMIT));
    assertThat(t.edges()).hasSize(2);
  }

  @Test
  void traceEdge_windowStopsFollowing() {
    TransferGraph g = new TransferGraph();
    g.append(VICTIM, A, T0, 100_000, null);
    g.append(A, B, T0 + Duration.ofHours(3).toMillis(), 100_000, null);
    ForwardTrace t =
        new ForwardTracer(g, TraceSettings.DEFAULTS.withWindow(Duration.ofHours(2))).traceEdge(0);

    assertThat(t.holdings()).extracting("account", "amountFen").containsExactly(tuple(A, 100_000L));
  }

  @Test
  void traceEdge_fragmentsBelowMinimumAreUntraced() {
    TransferGraph g = new TransferGraph();
    g.append(VICTIM, A, T0, 100_000, null);
    g.append(A, B, T0 + MIN, 99_950, null);
    g.append(A, C, T0 + 2 * MIN, 50, null); // 0.50 yuan, below the 1-yuan minimum
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(0);

    assertThat(t.untracedFen()).isEqualTo(50);
    assertThat(t.holdings()).extracting("account", "amountFen").containsExactly(tuple(B, 99_950L));
  }

  @Test
  void traceEdge_cryptoOtcIsCashOut() {
    TransferGraph g = new TransferGraph();
    g.append(VICTIM, A, T0, 100_000, null);
    g.append(A, "usdt:otc-desk", T0 + MIN, 100_000, Channel.CRYPTO_OTC);
    g.append("usdt:otc-desk", B, T0 + 2 * MIN, 100_000, null);
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(0);

    assertThat(t.cashedOut())
        .extracting("account", "to", "amountFen", "channel")
        .containsExactly(tuple(A, "usdt:otc-desk", 100_000L, Channel.CRYPTO_OTC));
    assertThat(t.holdings()).isEmpty();
  }

  @Test
  void traceAccount_followsEverythingPaidAfterTheTime() {
    TransferGraph g = new TransferGraph();
    g.append(A, B, T0 - MIN, 70_000, null); // before "after": not traced
    g.append(A, B, T0 + MIN, 100_000, null);
    g.append(A, C, T0 + 2 * MIN, 50_000, null);
    g.append(C, A, T0 + 3 * MIN, 20_000, null); // comes back to the traced account
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceAccount(A, T0);

    assertThat(t.seed().amountFen()).isEqualTo(150_000);
    assertThat(t.holdings())
        .extracting("account", "amountFen", "reason")
        .containsExactly(
            tuple(B, 100_000L, HoldReason.HELD),
            tuple(C, 30_000L, HoldReason.HELD),
            tuple(A, 20_000L, HoldReason.RETURNED_TO_SOURCE));
  }

  @Test
  void traceAccount_unknownAccountIsEmpty() {
    ForwardTrace t =
        new ForwardTracer(designExample(), TraceSettings.DEFAULTS)
            .traceAccount("6200000000000000000", T0);
    assertThat(t.seed().amountFen()).isZero();
    assertThat(t.edges()).isEmpty();
  }

  @Test
  void traceEdge_moneyReturningToVictimIsFollowedLikeAnyAccount() {
    TransferGraph g = new TransferGraph();
    g.append(VICTIM, A, T0, 100_000, null);
    g.append(A, VICTIM, T0 + MIN, 40_000, null); // a "refund" to build trust
    g.append(VICTIM, A, T0 + 2 * MIN, 40_000, null);
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(0);

    assertThat(t.holdings()).extracting("account", "amountFen").containsExactly(tuple(A, 100_000L));
    assertThat(t.edges()).extracting("hop").containsExactly(1, 2, 3);
  }
}
