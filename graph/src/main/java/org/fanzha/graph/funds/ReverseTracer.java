package org.fanzha.graph.funds;

import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fanzha.graph.funds.ForwardTrace.Edge;
import org.fanzha.graph.funds.ReverseTrace.Origin;
import org.fanzha.graph.funds.ReverseTrace.OriginReason;
import org.fanzha.graph.funds.ReverseTrace.Sender;

/**
 * Follows money backwards from an account: who paid it in during a period, and where their money
 * came from, hop by hop. Thread-safe; holds the graph's read lock while it runs.
 */
public final class ReverseTracer {
  /*
   * Backward FIFO. Hop 1 is every transfer into the account in the period, wholly attributed.
   * For a payer S that must explain x of its payment p, S's transfers in [p.ts - window, p.ts]
   * are replayed oldest first (balance zero at the window start, as forward): each payment
   * consumes the oldest incoming lots, so p is funded by a known list of incoming transfers (and
   * by S's own funds where the known balance ran out). x is shared over that list pro rata, cut to
   * the fen by largest remainder; each share becomes a hop-(k+1) edge to explain in turn. Demands
   * on one account at one hop are answered from one replay. The trail ends at own funds or at the
   * hop limit, so the origins always sum to what came in. Reverse tracing uses FIFO whatever the
   * forward policy: it answers "which deposits paid for this", which is a FIFO question.
   */

  private final TransferGraph graph;
  private final TraceSettings settings;

  /** Creates a reverse tracer over the graph; uses the hop limit, window and minimum fragment. */
  public ReverseTracer(TransferGraph graph, TraceSettings settings) {
    this.graph = graph;
    this.settings = settings;
  }

  /**
   * Returns whose money came into {@code account} from {@code fromTs} to {@code toTs} inclusive.
   */
  public ReverseTrace trace(String account, long fromTs, long toTs) {
    return graph.read(() -> run(account, fromTs, toTs));
  }

  private ReverseTrace run(String account, long fromTs, long toTs) {
    TransferGraph g = graph;
    List<Edge> edges = new ArrayList<>();
    Map<String, long[]> senders = new TreeMap<>(); // key account#hop → amount, n, first, last
    Map<String, long[]> origins = new TreeMap<>(); // key account#reason → amount, hop
    int a = g.find(account);
    long received = 0;
    if (a < 0) {
      return new ReverseTrace(account, fromTs, toTs, 0, edges, List.of(), List.of());
    }
    IntArrayList in = new IntArrayList();
    g.inEdges(a, fromTs, toTs, in);
    // demands: edge → amount of it to explain, for the current hop
    Int2LongOpenHashMap demand = new Int2LongOpenHashMap();
    for (int i = 0; i < in.size(); i++) {
      int e = in.getInt(i);
      if (g.isCashOut(e)) {
        continue; // a withdrawal into "cash:" is not money coming in
      }
      received += g.amount(e);
      demand.addTo(e, g.amount(e));
    }
    long window = settings.window().toMillis();
    for (int hop = 1; !demand.isEmpty(); hop++) {
      // record this hop's edges and senders
      int[] keys = demand.keySet().toIntArray();
      java.util.Arrays.sort(keys);
      Map<Integer, IntArrayList> byPayer = new TreeMap<>();
      for (int e : keys) {
        long x = demand.get(e);
        String from = g.name(g.from(e));
        edges.add(new Edge(from, g.name(g.to(e)), x, g.amount(e), g.ts(e), hop, g.channel(e)));
        long[] s =
            senders.computeIfAbsent(
                from + "#" + hop, k -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
        s[0] += x;
        s[1]++;
        s[2] = Math.min(s[2], g.ts(e));
        s[3] = Math.max(s[3], g.ts(e));
        byPayer.computeIfAbsent(g.from(e), k -> new IntArrayList()).add(e);
      }
      Int2LongOpenHashMap next = new Int2LongOpenHashMap();
      for (Map.Entry<Integer, IntArrayList> en : byPayer.entrySet()) {
        int payer = en.getKey();
        IntArrayList pays = en.getValue();
        if (hop >= settings.maxHops()) {
          long sum = 0;
          for (int i = 0; i < pays.size(); i++) {
            sum += demand.get(pays.getInt(i));
          }
          origin(origins, g.name(payer), OriginReason.HOP_LIMIT, sum, hop);
          continue;
        }
        explain(g, payer, pays, demand, next, origins, hop, window);
      }
      demand = next;
    }
    List<Sender> sl = new ArrayList<>();
    senders.forEach(
        (k, s) -> {
          int cut = k.lastIndexOf('#');
          sl.add(
              new Sender(
                  k.substring(0, cut),
                  Integer.parseInt(k.substring(cut + 1)),
                  s[0],
                  (int) s[1],
                  s[2],
                  s[3]));
        });
    sl.sort(
        Comparator.comparingInt(Sender::hop)
            .thenComparing(Comparator.comparingLong(Sender::amountFen).reversed())
            .thenComparing(Sender::account));
    List<Origin> ol = new ArrayList<>();
    origins.forEach(
        (k, o) -> {
          int cut = k.lastIndexOf('#');
          ol.add(
              new Origin(
                  k.substring(0, cut),
                  o[0],
                  (int) o[1],
                  OriginReason.valueOf(k.substring(cut + 1))));
        });
    ol.sort(Comparator.comparingLong(Origin::amountFen).reversed().thenComparing(Origin::account));
    return new ReverseTrace(account, fromTs, toTs, received, edges, sl, ol);
  }

  /** Replays the payer's FIFO queue and shares each demanded payment over the lots that paid it. */
  private void explain(
      TransferGraph g,
      int payer,
      IntArrayList pays,
      Int2LongOpenHashMap demand,
      Int2LongOpenHashMap next,
      Map<String, long[]> origins,
      int hop,
      long window) {
    pays.sort(g::compareEdges);
    long start = g.ts(pays.getInt(0)) - window;
    long end = g.ts(pays.getInt(pays.size() - 1));
    IntArrayList outs = new IntArrayList();
    IntArrayList ins = new IntArrayList();
    g.outEdges(payer, start, end, outs);
    g.inEdges(payer, start, end, ins);
    // FIFO queue of (incoming edge, remaining)
    IntArrayList lotEdge = new IntArrayList();
    List<Long> lotLeft = new ArrayList<>();
    int head = 0;
    int i = 0;
    int j = 0;
    int want = 0;
    while (want < pays.size() && (i < outs.size() || j < ins.size())) {
      boolean takeIn =
          i == outs.size() || (j < ins.size() && g.compareEdges(ins.getInt(j), outs.getInt(i)) < 0);
      if (takeIn) {
        int e = ins.getInt(j++);
        if (!g.isCashOut(e)) {
          lotEdge.add(e);
          lotLeft.add(g.amount(e));
        }
        continue;
      }
      int p = outs.getInt(i++);
      long left = g.amount(p);
      List<int[]> used = new ArrayList<>();
      List<Long> usedAmt = new ArrayList<>();
      while (left > 0 && head < lotEdge.size()) {
        long x = Math.min(left, lotLeft.get(head));
        used.add(new int[] {lotEdge.getInt(head)});
        usedAmt.add(x);
        left -= x;
        lotLeft.set(head, lotLeft.get(head) - x);
        if (lotLeft.get(head) == 0) {
          head++;
        }
      }
      if (p != pays.getInt(want)) {
        continue;
      }
      want++;
      long need = demand.get(p);
      long paid = g.amount(p);
      // pro rata over the lots (and own funds = left) that paid p
      int n = used.size() + 1;
      long[] part = new long[n];
      long[] q = new long[n];
      long[] r = new long[n];
      for (int k = 0; k < used.size(); k++) {
        part[k] = usedAmt.get(k);
      }
      part[n - 1] = left;
      long given = 0;
      for (int k = 0; k < n; k++) {
        BigInteger[] qr =
            BigInteger.valueOf(need)
                .multiply(BigInteger.valueOf(part[k]))
                .divideAndRemainder(BigInteger.valueOf(paid));
        q[k] = qr[0].longValueExact();
        r[k] = qr[1].longValueExact();
        given += q[k];
      }
      for (long extra = need - given; extra > 0; extra--) {
        int best = 0;
        for (int k = 1; k < n; k++) {
          if (r[k] > r[best]) {
            best = k;
          }
        }
        q[best]++;
        r[best] = -1;
      }
      long own = q[n - 1];
      for (int k = 0; k < used.size(); k++) {
        if (q[k] == 0) {
          continue;
        }
        if (q[k] < settings.minAmountFen()) {
          own += q[k]; // too small to follow: left with the payer
          continue;
        }
        next.addTo(used.get(k)[0], q[k]);
      }
      if (own > 0) {
        origin(origins, g.name(payer), OriginReason.OWN_FUNDS, own, hop);
      }
    }
    // demanded payments outside the replay (cannot happen: they are in outs) are own funds
    for (; want < pays.size(); want++) {
      origin(origins, g.name(payer), OriginReason.OWN_FUNDS, demand.get(pays.getInt(want)), hop);
    }
  }

  private static void origin(
      Map<String, long[]> origins, String account, OriginReason reason, long fen, int hop) {
    long[] o = origins.computeIfAbsent(account + "#" + reason.name(), k -> new long[] {0, hop});
    o[0] += fen;
    o[1] = Math.min(o[1], hop);
  }
}
