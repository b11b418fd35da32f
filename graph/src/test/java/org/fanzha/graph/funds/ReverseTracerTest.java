package org.fanzha.graph.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReverseTracerTest {

  static final long T0 = ForwardTracerTest.T0;
  static final long MIN = ForwardTracerTest.MIN;

  @Test
  void trace_fanInCollectorFindsEveryPayerAndTheirSources() {
    // Three victims pay mule M1, M1 forwards to collector K; a fourth payer pays K directly.
    TransferGraph g = new TransferGraph();
    g.append("v:1", "m:1", T0, 100_000, null);
    g.append("v:2", "m:1", T0 + MIN, 200_000, null);
    g.append("v:3", "m:1", T0 + 2 * MIN, 300_000, null);
    g.append("m:1", "k:1", T0 + 3 * MIN, 450_000, null);
    g.append("v:4", "k:1", T0 + 4 * MIN, 50_000, null);

    ReverseTrace r = new ReverseTracer(g, TraceSettings.DEFAULTS).trace("k:1", T0, T0 + 60 * MIN);

    assertThat(r.receivedFen()).isEqualTo(500_000);
    assertThat(r.senders())
        .extracting("account", "hop", "amountFen")
        .containsExactly(
            tuple("m:1", 1, 450_000L),
            tuple("v:4", 1, 50_000L),
            tuple("v:2", 2, 200_000L),
            tuple("v:3", 2, 150_000L),
            tuple("v:1", 2, 100_000L));
    // FIFO: M1's 4,500 was paid by v:1 (1,000), v:2 (2,000) and the first 1,500 of v:3
    assertThat(r.origins().stream().mapToLong(ReverseTrace.Origin::amountFen).sum())
        .isEqualTo(500_000);
  }

  @Test
  void trace_paymentBeyondKnownBalance_isOwnFunds() {
    TransferGraph g = new TransferGraph();
    g.append("v:1", "m:1", T0, 100_000, null);
    g.append("m:1", "k:1", T0 + MIN, 150_000, null);

    ReverseTrace r = new ReverseTracer(g, TraceSettings.DEFAULTS).trace("k:1", T0, T0 + 60 * MIN);

    assertThat(r.origins())
        .extracting("account", "amountFen", "reason")
        .containsExactly(
            tuple("v:1", 100_000L, ReverseTrace.OriginReason.OWN_FUNDS),
            tuple("m:1", 50_000L, ReverseTrace.OriginReason.OWN_FUNDS));
  }

  @Property(tries = 200)
  void trace_originsSumToWhatCameIn(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 20) int accounts,
      @ForAll @IntRange(min = 1, max = 250) int transfers,
      @ForAll @IntRange(min = 1, max = 6) int hops) {
    TransferGraph g = RandomTransfers.generate(seed, accounts, transfers, 7, false).graph(16);
    ReverseTrace r =
        new ReverseTracer(g, TraceSettings.DEFAULTS.withMaxHops(hops))
            .trace(
                "acct:" + Math.floorMod(seed, accounts),
                RandomTransfers.T0 + 3_600_000,
                RandomTransfers.T0 + 7_200_000);

    assertThat(r.origins().stream().mapToLong(ReverseTrace.Origin::amountFen).sum())
        .isEqualTo(r.receivedFen());
    for (var e : r.edges()) {
      assertThat(e.amountFen()).isPositive().isLessThanOrEqualTo(e.transferFen());
    }
  }
}
