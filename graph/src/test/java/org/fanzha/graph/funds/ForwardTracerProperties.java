package org.fanzha.graph.funds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.fanzha.graph.funds.ForwardTrace.AccountFlow;
import org.fanzha.graph.funds.ForwardTrace.Edge;
import org.fanzha.graph.funds.ForwardTrace.Holding;

/** Invariants of forward tracing on random graphs. */
class ForwardTracerProperties {

  @Property(tries = 300)
  void traceEdge_moneyIsConserved(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 25) int accounts,
      @ForAll @IntRange(min = 1, max = 300) int transfers,
      @ForAll boolean proportional,
      @ForAll @IntRange(min = 1, max = 8) int hops) {
    TransferGraph g = RandomTransfers.generate(seed, accounts, transfers, 7, false).graph(16);
    TraceSettings s = settings(proportional, hops);
    int e = Math.floorMod(seed, transfers);
    ForwardTrace t = new ForwardTracer(g, s).traceEdge(e);

    assertThat(t.heldFen() + t.cashedOutFen() + t.untracedFen()).isEqualTo(t.seed().amountFen());
    assertThat(t.holdings()).allSatisfy(h -> assertThat(h.amountFen()).isPositive());
  }

  @Property(tries = 200)
  void traceAccount_moneyIsConserved(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 15) int accounts,
      @ForAll @IntRange(min = 1, max = 300) int transfers,
      @ForAll boolean proportional) {
    TransferGraph g = RandomTransfers.generate(seed, accounts, transfers, 9, false).graph(16);
    ForwardTrace t =
        new ForwardTracer(g, settings(proportional, 6))
            .traceAccount("acct:" + Math.floorMod(seed, accounts), RandomTransfers.T0 + 3_600_000);

    assertThat(t.heldFen() + t.cashedOutFen() + t.untracedFen()).isEqualTo(t.seed().amountFen());
  }

  @Property(tries = 300)
  void traceEdge_noAccountSendsMoreThanArrived(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 25) int accounts,
      @ForAll @IntRange(min = 1, max = 300) int transfers,
      @ForAll boolean proportional) {
    TransferGraph g = RandomTransfers.generate(seed, accounts, transfers, 7, false).graph(16);
    ForwardTrace t =
        new ForwardTracer(g, settings(proportional, 6)).traceEdge(Math.floorMod(seed, transfers));

    Map<String, Long> in = new HashMap<>();
    Map<String, Long> out = new HashMap<>();
    for (Edge x : t.edges()) {
      in.merge(x.to(), x.amountFen(), Long::sum);
      if (x.hop() > 1) {
        out.merge(x.from(), x.amountFen(), Long::sum);
      }
      assertThat(x.amountFen()).isLessThanOrEqualTo(x.transferFen());
    }
    out.forEach(
        (acct, sent) -> assertThat(sent).as(acct).isLessThanOrEqualTo(in.getOrDefault(acct, 0L)));
    for (AccountFlow f : t.accounts()) {
      if (f.tier() > 0) {
        assertThat(f.sentFen()).as(f.account()).isLessThanOrEqualTo(f.receivedFen());
      }
    }
  }

  @Property(tries = 300)
  void traceEdge_moneyLeavesOnlyAfterItArrived(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 25) int accounts,
      @ForAll @IntRange(min = 1, max = 300) int transfers,
      @ForAll boolean proportional) {
    TransferGraph g = RandomTransfers.generate(seed, accounts, transfers, 7, false).graph(16);
    ForwardTrace t =
        new ForwardTracer(g, settings(proportional, 6)).traceEdge(Math.floorMod(seed, transfers));

    for (Edge x : t.edges()) {
      assertThat(x.ts()).isBetween(t.seed().ts(), t.seed().windowEndTs());
      if (x.hop() == 1) {
        continue;
      }
      boolean fedEarlier =
          t.edges().stream()
              .anyMatch(y -> y.to().equals(x.from()) && y.hop() == x.hop() - 1 && y.ts() <= x.ts());
      assertThat(fedEarlier)
          .as("%s left %s at hop %d with nothing arriving before", x.amountFen(), x.from(), x.hop())
          .isTrue();
    }
  }

  @Property(tries = 150)
  void traceEdge_deterministicAndIndependentOfArrivalOrder(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 20) int accounts,
      @ForAll @IntRange(min = 1, max = 200) int transfers,
      @ForAll boolean proportional) {
    RandomTransfers rt = RandomTransfers.generate(seed, accounts, transfers, 7, true);
    TransferGraph inOrder = rt.graph(8);
    List<RandomTransfers.Tx> shuffled = new ArrayList<>(rt.txs());
    Collections.shuffle(shuffled, new Random(seed));
    TransferGraph late = new RandomTransfers(shuffled).graph(8);
    RandomTransfers.Tx s = rt.txs().get(Math.floorMod(seed, transfers));
    TraceSettings settings = settings(proportional, 6);

    ForwardTrace a =
        new ForwardTracer(inOrder, settings)
            .traceEdge(inOrder.findEdge(s.from(), s.to(), s.ts(), s.amount()));
    ForwardTrace a2 =
        new ForwardTracer(inOrder, settings)
            .traceEdge(inOrder.findEdge(s.from(), s.to(), s.ts(), s.amount()));
    ForwardTrace b =
        new ForwardTracer(late, settings)
            .traceEdge(late.findEdge(s.from(), s.to(), s.ts(), s.amount()));

    assertThat(a2).isEqualTo(a);
    assertThat(b).isEqualTo(a);
  }

  @Property(tries = 300)
  void traceEdge_fifoMatchesFullReplay(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 12) int accounts,
      @ForAll @IntRange(min = 1, max = 250) int transfers,
      @ForAll @IntRange(min = 1, max = 6) int hops) {
    RandomTransfers rt = RandomTransfers.generate(seed, accounts, transfers, 7, false);
    TransferGraph g = rt.graph(16);
    int e = Math.floorMod(seed, transfers);
    TraceSettings s = settings(false, hops);
    ForwardTrace t = new ForwardTracer(g, s).traceEdge(e);

    Map<String, Long> expected = fullReplayHoldings(rt.txs(), e, s);
    Map<String, Long> actual = new HashMap<>();
    for (Holding h : t.holdings()) {
      actual.merge(h.account(), h.amountFen(), Long::sum);
    }
    assertThat(actual).isEqualTo(expected);
  }

  /**
   * The oracle: every account's FIFO queue kept for every transfer of the window, in time order,
   * with no laziness at all. Returns traced money per account at the end (hop-limit stops
   * included).
   */
  static Map<String, Long> fullReplayHoldings(
      List<RandomTransfers.Tx> txs, int seedIndex, TraceSettings s) {
    RandomTransfers.Tx seed = txs.get(seedIndex);
    long end = seed.ts() + s.window().toMillis();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < txs.size(); i++) {
      RandomTransfers.Tx x = txs.get(i);
      if (x.ts() >= seed.ts() - s.lookback().toMillis() && x.ts() <= end) {
        order.add(i);
      }
    }
    order.sort(
        (a, b) ->
            txs.get(a).ts() != txs.get(b).ts()
                ? Long.compare(txs.get(a).ts(), txs.get(b).ts())
                : Integer.compare(a, b));
    Map<String, ArrayDeque<long[]>> queues = new HashMap<>(); // lot = {amount, hop}
    Map<String, Long> stopped = new HashMap<>();
    for (int i : order) {
      RandomTransfers.Tx x = txs.get(i);
      boolean cash =
          x.to().startsWith("cash:") || x.channel() != org.fanzha.core.event.Channel.MOBILE;
      long[] byHop = new long[s.maxHops() + 2];
      {
        // the seed is paid from the payer's balance too; nothing is traced before it
        ArrayDeque<long[]> q = queues.computeIfAbsent(x.from(), k -> new ArrayDeque<>());
        long left = x.amount();
        while (left > 0 && !q.isEmpty()) {
          long[] lot = q.peekFirst();
          long take = Math.min(left, lot[0]);
          if (lot[1] > 0) {
            byHop[(int) lot[1] + 1] += take;
          }
          lot[0] -= take;
          left -= take;
          if (lot[0] == 0) {
            q.pollFirst();
          }
        }
      }
      if (i == seedIndex) {
        byHop[1] = x.amount();
      }
      if (cash) {
        continue;
      }
      ArrayDeque<long[]> rq = queues.computeIfAbsent(x.to(), k -> new ArrayDeque<>());
      long tracedIn = 0;
      for (int h = 1; h <= s.maxHops(); h++) {
        long v = byHop[h];
        if (v == 0 || (i != seedIndex && v < s.minAmountFen())) {
          continue;
        }
        if (h >= s.maxHops()) {
          stopped.merge(x.to(), v, Long::sum);
        } else {
          rq.addLast(new long[] {v, h});
          tracedIn += v;
        }
      }
      rq.addLast(new long[] {x.amount() - tracedIn, 0});
    }
    Map<String, Long> held = new HashMap<>(stopped);
    queues.forEach(
        (acct, q) -> {
          long sum = 0;
          for (long[] lot : q) {
            if (lot[1] > 0) {
              sum += lot[0];
            }
          }
          if (sum > 0) {
            held.merge(acct, sum, Long::sum);
          }
        });
    return held;
  }

  private static TraceSettings settings(boolean proportional, int hops) {
    return TraceSettings.DEFAULTS
        .withPolicy(proportional ? AllocationPolicy.PROPORTIONAL : AllocationPolicy.FIFO)
        .withMaxHops(hops)
        .withLookback(java.time.Duration.ofMinutes(90));
  }
}
