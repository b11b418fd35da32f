package org.fanzha.graph.funds;

import static org.assertj.core.api.Assertions.assertThat;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The index returns exactly the edges a linear scan finds, in (time, arrival) order. */
class TransferGraphProperties {

  @Property(tries = 200)
  void outEdgesAndInEdges_matchLinearScan(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 30) int accounts,
      @ForAll @IntRange(min = 1, max = 400) int transfers,
      @ForAll @IntRange(min = 1, max = 64) int deltaMin,
      @ForAll boolean compactHalfway) {
    RandomTransfers rt = RandomTransfers.generate(seed, accounts, transfers, 0, false);
    TransferGraph g = new TransferGraph(4, deltaMin);
    for (int i = 0; i < rt.txs().size(); i++) {
      RandomTransfers.Tx t = rt.txs().get(i);
      g.append(t.from(), t.to(), t.ts(), t.amount(), t.channel());
      if (compactHalfway && i == transfers / 2) {
        g.compact();
      }
    }
    long from = RandomTransfers.T0 + Math.floorMod(seed, 180) * 60_000L;
    long to = from + 90 * 60_000L;
    for (int a = 0; a < accounts; a++) {
      int id = g.accountId("acct:" + a);
      if (id < 0) {
        continue;
      }
      IntArrayList out = new IntArrayList();
      IntArrayList in = new IntArrayList();
      g.outEdges(id, from, to, out);
      g.inEdges(id, from, to, in);
      assertThat((List<Integer>) out)
          .containsExactlyElementsOf(scan(rt, "acct:" + a, true, from, to));
      assertThat((List<Integer>) in)
          .containsExactlyElementsOf(scan(rt, "acct:" + a, false, from, to));
    }
    assertThat(g.transferCount()).isEqualTo(transfers);
  }

  private static List<Integer> scan(
      RandomTransfers rt, String acct, boolean out, long from, long to) {
    List<Integer> r = new ArrayList<>();
    for (int i = 0; i < rt.txs().size(); i++) {
      RandomTransfers.Tx t = rt.txs().get(i);
      if ((out ? t.from() : t.to()).equals(acct) && t.ts() >= from && t.ts() <= to) {
        r.add(i);
      }
    }
    r.sort(
        (a, b) ->
            rt.txs().get(a).ts() != rt.txs().get(b).ts()
                ? Long.compare(rt.txs().get(a).ts(), rt.txs().get(b).ts())
                : Integer.compare(a, b));
    return r;
  }
}
