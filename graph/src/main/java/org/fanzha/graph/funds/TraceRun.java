package org.fanzha.graph.funds;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.fanzha.graph.funds.ForwardTrace.AccountFlow;
import org.fanzha.graph.funds.ForwardTrace.CashOut;
import org.fanzha.graph.funds.ForwardTrace.Edge;
import org.fanzha.graph.funds.ForwardTrace.HoldReason;
import org.fanzha.graph.funds.ForwardTrace.Holding;
import org.fanzha.graph.funds.ForwardTrace.Seed;
import org.fanzha.graph.funds.ForwardTrace.SeedKind;
import org.jspecify.annotations.Nullable;

/**
 * One forward trace: the event-driven replay described in {@link ForwardTracer}. Used once, by one
 * thread, under the graph's read lock.
 */
final class TraceRun {

  private final TransferGraph g;
  private final TraceSettings s;
  private final boolean fifo;
  private final int maxHops;
  private long windowStart;
  private long windowEnd;

  /** Balances are rebuilt from zero at this time: the seed time minus the lookback. */
  private long replayStart;

  /** Transfer seed: its edge; account seed: -1. */
  private int seedEdge = -1;

  /** Account seed: the traced account; transfer seed: -1. */
  private int sourceAccount = -1;

  private final Int2ObjectOpenHashMap<State> states = new Int2ObjectOpenHashMap<>();
  private final PriorityQueue<State> heap;
  private int lastEdge = -1;
  private long steps;
  private boolean truncated;

  private final long[] pieces;
  private final long[] deliver;

  private final List<Edge> edges = new ArrayList<>();
  private final List<CashOut> cash = new ArrayList<>();
  private final Long2ObjectOpenHashMap<HoldAcc> holds = new Long2ObjectOpenHashMap<>();
  private final Int2ObjectOpenHashMap<FlowAcc> flows = new Int2ObjectOpenHashMap<>();
  private final Int2ObjectOpenHashMap<String> names = new Int2ObjectOpenHashMap<>();
  private long untraced;

  TraceRun(TransferGraph graph, TraceSettings settings) {
    this.g = graph;
    this.s = settings;
    this.fifo = settings.policy() == AllocationPolicy.FIFO;
    this.maxHops = settings.maxHops();
    this.pieces = new long[maxHops + 2];
    this.deliver = new long[maxHops + 2];
    this.heap = new PriorityQueue<>(64, (a, b) -> g.compareEdges(a.current(), b.current()));
  }

  ForwardTrace runTransfer(int e, @Nullable String transferId) {
    seedEdge = e;
    windowStart = g.ts(e);
    windowEnd = endOf(windowStart);
    replayStart = startOf(windowStart);
    int f = g.from(e);
    flow(f, 0, Long.MIN_VALUE);
    lastEdge = e;
    processEdge(e);
    loop();
    Seed seed =
        new Seed(
            SeedKind.TRANSFER,
            transferId,
            name(f),
            name(g.to(e)),
            windowStart,
            g.amount(e),
            windowEnd);
    return finish(seed);
  }

  ForwardTrace runAccount(String account, long after) {
    windowStart = after;
    windowEnd = endOf(after);
    replayStart = startOf(after);
    int a = g.find(account);
    long total = 0;
    if (a >= 0) {
      sourceAccount = a;
      State src = new State(a, fifo, maxHops);
      src.events = new IntArrayList();
      g.outEdges(a, windowStart, windowEnd, src.events);
      for (int i = 0; i < src.events.size(); i++) {
        total += g.amount(src.events.getInt(i));
      }
      src.source = true;
      flow(a, 0, Long.MIN_VALUE);
      if (!src.events.isEmpty()) {
        heap.add(src);
        src.inHeap = true;
      }
      loop();
    }
    Seed seed = new Seed(SeedKind.ACCOUNT, null, account, null, after, total, windowEnd);
    return finish(seed);
  }

  private long endOf(long start) {
    long w = s.window().toMillis();
    return start > Long.MAX_VALUE - w ? Long.MAX_VALUE : start + w;
  }

  private long startOf(long start) {
    long l = s.lookback().toMillis();
    return start < Long.MIN_VALUE + l ? Long.MIN_VALUE : start - l;
  }

  private void loop() {
    while (!heap.isEmpty()) {
      if (steps > s.maxSteps()) {
        truncated = true;
        return;
      }
      State st = heap.poll();
      st.inHeap = false;
      if (!st.source && st.taint == 0) {
        continue; // paused: nothing traced left; caught up if traced money returns
      }
      int e = st.events.getInt(st.pos++);
      if (e != lastEdge) {
        lastEdge = e;
        processEdge(e);
      }
      if (!st.inHeap && st.pos < st.events.size() && (st.source || st.taint > 0)) {
        heap.add(st);
        st.inHeap = true;
      }
    }
  }

  /** Moves one transfer: the payer's side, then the payee's. */
  private void processEdge(int e) {
    steps++;
    int f = g.from(e);
    int t = g.to(e);
    long amt = g.amount(e);
    long ts = g.ts(e);
    boolean seed = e == seedEdge || f == sourceAccount;
    Arrays.fill(pieces, 0);
    long tainted = 0;
    if (seed) {
      pieces[1] = amt;
      tainted = amt;
    }
    // Only accounts holding traced money are kept current; a paused one is caught up from its
    // cursor (skipping what it already applied) when traced money reaches it again.
    State fs = states.get(f);
    boolean payerActive = fs != null && fs.taint > 0;
    if (!seed && payerActive) {
      tainted = fifo ? fs.spendFifo(amt, pieces) : fs.spendProportional(amt, pieces);
      fs.lastApplied = e;
    }
    if (tainted > 0) {
      flows.get(f).sentFen += tainted;
    }
    if (g.isCashOut(e)) {
      for (int h = 1; h <= maxHops; h++) {
        if (pieces[h] > 0) {
          emit(e, f, t, pieces[h], h);
          cash.add(new CashOut(name(f), name(t), pieces[h], g.channel(e), ts, h));
        }
      }
      return;
    }
    if (t == sourceAccount) {
      for (int h = 1; h <= maxHops; h++) {
        if (pieces[h] > 0) {
          emit(e, f, t, pieces[h], h);
          flows.get(t).receivedFen += pieces[h];
          hold(t, HoldReason.RETURNED_TO_SOURCE, pieces[h], h, ts);
        }
      }
      return;
    }
    Arrays.fill(deliver, 0);
    long delivered = 0;
    for (int h = 1; h <= maxHops; h++) {
      long x = pieces[h];
      if (x == 0) {
        continue;
      }
      if (!seed && x < s.minAmountFen()) {
        untraced += x;
        continue;
      }
      emit(e, f, t, x, h);
      flow(t, h, ts).receivedFen += x;
      if (h >= maxHops) {
        hold(t, HoldReason.HOP_LIMIT, x, h, ts);
      } else {
        deliver[h] = x;
        delivered += x;
      }
    }
    State rs = states.get(t);
    if (delivered > 0) {
      rs = activate(t, e);
      if (seed && f == t) {
        // a seed paid to itself: the payment leaves the balance before it comes back traced
        long[] none = new long[maxHops + 2];
        if (fifo) {
          rs.spendFifo(amt, none);
        } else {
          rs.spendProportional(amt, none);
        }
      }
      for (int h = 1; h < maxHops; h++) {
        if (deliver[h] > 0) {
          rs.receive(deliver[h], h);
        }
      }
      rs.lastTaintedInTs = ts;
      rs.receive(amt - delivered, 0);
      rs.lastApplied = e;
    } else if (rs != null && (rs.taint > 0 || (t == f && payerActive))) {
      rs.receive(amt, 0);
      rs.lastApplied = e;
    }
  }

  /**
   * Returns the payee's state made ready to receive edge {@code e}: created or caught up on its
   * transfers before {@code e} (clean balance arithmetic only) and put back on the clock.
   */
  private State activate(int a, int e) {
    State st = states.get(a);
    if (st == null) {
      st = new State(a, fifo, maxHops);
      IntArrayList outs = new IntArrayList();
      IntArrayList ins = new IntArrayList();
      g.outEdges(a, replayStart, windowEnd, outs);
      g.inEdges(a, replayStart, windowEnd, ins);
      st.events = merge(outs, ins);
      states.put(a, st);
    }
    if (st.inHeap) {
      heap.remove(st);
      st.inHeap = false;
    }
    int p = position(st.events, st.pos, e);
    if (p >= st.pos && st.taint > 0) {
      st.pos = p + 1; // on the clock already: nothing to catch up
    } else if (p >= st.pos) {
      long bal = st.balance;
      for (int i = st.pos; i < p; i++) {
        int x = st.events.getInt(i);
        steps++;
        if (st.lastApplied >= 0 && g.compareEdges(x, st.lastApplied) <= 0) {
          continue; // applied while the account was on the clock
        }
        if (g.from(x) == a) {
          bal = Math.max(0, bal - g.amount(x));
        }
        if (g.to(x) == a && !g.isCashOut(x)) {
          bal += g.amount(x);
        }
      }
      st.resetClean(bal);
      st.pos = p + 1;
    }
    if (st.pos < st.events.size()) {
      heap.add(st);
      st.inHeap = true;
    }
    return st;
  }

  private int position(IntArrayList events, int from, int e) {
    int lo = from;
    int hi = events.size();
    int[] a = events.elements();
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (g.compareEdges(a[m], e) < 0) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    if (lo < events.size() && a[lo] == e) {
      return lo;
    }
    // the edge precedes the cursor (a self-transfer already consumed): report "behind"
    return from - 1;
  }

  private IntArrayList merge(IntArrayList outs, IntArrayList ins) {
    IntArrayList m = new IntArrayList(outs.size() + ins.size());
    int i = 0;
    int j = 0;
    while (i < outs.size() || j < ins.size()) {
      int c;
      if (i == outs.size()) {
        c = 1;
      } else if (j == ins.size()) {
        c = -1;
      } else {
        c = g.compareEdges(outs.getInt(i), ins.getInt(j));
      }
      if (c < 0) {
        m.add(outs.getInt(i++));
      } else if (c > 0) {
        m.add(ins.getInt(j++));
      } else {
        m.add(outs.getInt(i++)); // a self-transfer is one event
        j++;
      }
    }
    return m;
  }

  private void emit(int e, int f, int t, long x, int hop) {
    edges.add(new Edge(name(f), name(t), x, g.amount(e), g.ts(e), hop, g.channel(e)));
  }

  private FlowAcc flow(int a, int hop, long ts) {
    FlowAcc fl = flows.get(a);
    if (fl == null) {
      fl = new FlowAcc(a, hop, ts);
      flows.put(a, fl);
    } else if (hop < fl.tier) {
      fl.tier = hop;
    }
    return fl;
  }

  private void hold(int a, HoldReason reason, long x, int hop, long ts) {
    long key = (long) a << 3 | reason.ordinal();
    HoldAcc h = holds.get(key);
    if (h == null) {
      h = new HoldAcc(a, reason);
      holds.put(key, h);
    }
    h.amount += x;
    h.minHop = Math.min(h.minHop, hop);
    h.lastTs = Math.max(h.lastTs, ts);
  }

  private String name(int a) {
    String n = names.get(a);
    if (n == null) {
      n = g.name(a);
      names.put(a, n);
    }
    return n;
  }

  private ForwardTrace finish(Seed seed) {
    HoldReason endReason = truncated ? HoldReason.TRUNCATED : HoldReason.HELD;
    for (State st : states.values()) {
      if (st.taint > 0) {
        long[] byHop = st.taintByHop();
        for (int h = 1; h < byHop.length; h++) {
          if (byHop[h] > 0) {
            hold(st.account, endReason, byHop[h], h, st.lastTaintedInTs);
          }
        }
      }
    }
    List<Holding> holdings = new ArrayList<>(holds.size());
    for (HoldAcc h : holds.values()) {
      holdings.add(new Holding(name(h.account), h.amount, h.minHop, h.reason, h.lastTs));
    }
    holdings.sort(
        Comparator.comparingLong(Holding::amountFen)
            .reversed()
            .thenComparing(Holding::account)
            .thenComparing(Holding::reason));
    List<AccountFlow> accounts = new ArrayList<>(flows.size());
    for (FlowAcc f : flows.values()) {
      accounts.add(new AccountFlow(name(f.account), f.tier, f.receivedFen, f.sentFen, f.firstInTs));
    }
    accounts.sort(
        Comparator.comparingInt(AccountFlow::tier)
            .thenComparingLong(AccountFlow::firstInTs)
            .thenComparing(AccountFlow::account));
    return new ForwardTrace(seed, s, edges, holdings, cash, untraced, accounts, truncated);
  }

  // ---- per-account state

  /** Traced and other money in one account. Lots: hop 0 = other money, hop >= 1 = traced. */
  static final class State {
    final int account;
    final boolean fifo;
    IntArrayList events = new IntArrayList(0);
    int pos;
    boolean inHeap;
    boolean source;

    /** The last transfer applied to the balance, or -1. */
    int lastApplied = -1;

    long balance;
    long taint;
    long lastTaintedInTs;

    // FIFO: a ring buffer of lots
    private long[] lotAmt;
    private int[] lotHop;
    private int head;
    private int size;

    // PROPORTIONAL: index 0 = other money, h = traced money that came in at hop h
    private final long[] share;

    State(int account, boolean fifo, int maxHops) {
      this.account = account;
      this.fifo = fifo;
      this.lotAmt = fifo ? new long[8] : new long[0];
      this.lotHop = fifo ? new int[8] : new int[0];
      this.share = fifo ? new long[0] : new long[maxHops + 1];
    }

    int current() {
      return events.getInt(pos);
    }

    void resetClean(long bal) {
      head = 0;
      size = 0;
      balance = 0;
      taint = 0;
      if (!fifo) {
        Arrays.fill(share, 0);
      }
      receive(bal, 0);
    }

    void receive(long amt, int hop) {
      if (amt <= 0) {
        return;
      }
      balance += amt;
      if (hop > 0) {
        taint += amt;
      }
      if (!fifo) {
        share[hop] += amt;
        return;
      }
      if (size > 0) {
        int last = (head + size - 1) & (lotAmt.length - 1);
        if (lotHop[last] == hop) {
          lotAmt[last] += amt;
          return;
        }
      }
      if (size == lotAmt.length) {
        grow();
      }
      int i = (head + size) & (lotAmt.length - 1);
      lotAmt[i] = amt;
      lotHop[i] = hop;
      size++;
    }

    /** Pays {@code amt} oldest-first; adds the traced parts to {@code out[hop + 1]}. */
    long spendFifo(long amt, long[] out) {
      long left = amt;
      long traced = 0;
      int mask = lotAmt.length - 1;
      while (left > 0 && size > 0) {
        long x = Math.min(left, lotAmt[head]);
        int hop = lotHop[head];
        if (hop > 0) {
          out[hop + 1] += x;
          traced += x;
        }
        lotAmt[head] -= x;
        left -= x;
        balance -= x;
        if (lotAmt[head] == 0) {
          head = (head + 1) & mask;
          size--;
        }
      }
      taint -= traced;
      return traced;
    }

    /**
     * Pays {@code amt} as a proportional slice of every share. Each share gives the floor of its
     * exact slice; the fen left over go, one each, to the shares with the largest fractions, so no
     * share gives more than it holds and the slices sum exactly to the payment.
     */
    long spendProportional(long amt, long[] out) {
      long take = Math.min(amt, balance);
      if (take == 0) {
        return 0;
      }
      int n = share.length;
      long[] q = new long[n];
      long[] r = new long[n];
      long sum = 0;
      for (int i = 0; i < n; i++) {
        if (share[i] > 0) {
          mulDiv(take, share[i], balance, q, r, i);
          sum += q[i];
        }
      }
      long extra = take - sum;
      while (extra > 0) {
        int best = -1;
        for (int i = 0; i < n; i++) {
          if (r[i] > 0 && (best < 0 || r[i] > r[best])) {
            best = i;
          }
        }
        q[best]++;
        r[best] = 0;
        extra--;
      }
      long traced = 0;
      for (int i = 0; i < n; i++) {
        share[i] -= q[i];
        if (i > 0 && q[i] > 0) {
          out[i + 1] += q[i];
          traced += q[i];
        }
      }
      balance -= take;
      taint -= traced;
      return traced;
    }

    long[] taintByHop() {
      if (!fifo) {
        long[] c = share.clone();
        c[0] = 0;
        return c;
      }
      int maxHop = 0;
      for (int k = 0; k < size; k++) {
        maxHop = Math.max(maxHop, lotHop[(head + k) & (lotAmt.length - 1)]);
      }
      long[] c = new long[maxHop + 1];
      for (int k = 0; k < size; k++) {
        int i = (head + k) & (lotAmt.length - 1);
        if (lotHop[i] > 0) {
          c[lotHop[i]] += lotAmt[i];
        }
      }
      return c;
    }

    private void grow() {
      int n = lotAmt.length * 2;
      long[] a = new long[n];
      int[] h = new int[n];
      for (int k = 0; k < size; k++) {
        int i = (head + k) & (lotAmt.length - 1);
        a[k] = lotAmt[i];
        h[k] = lotHop[i];
      }
      lotAmt = a;
      lotHop = h;
      head = 0;
    }

    private static void mulDiv(long a, long b, long d, long[] q, long[] r, int i) {
      long hi = Math.multiplyHigh(a, b);
      long lo = a * b;
      if (hi == 0 && lo >= 0) {
        q[i] = lo / d;
        r[i] = lo % d;
      } else {
        BigInteger[] qr =
            BigInteger.valueOf(a)
                .multiply(BigInteger.valueOf(b))
                .divideAndRemainder(BigInteger.valueOf(d));
        q[i] = qr[0].longValueExact();
        r[i] = qr[1].longValueExact();
      }
    }
  }

  private static final class FlowAcc {
    final int account;
    int tier;
    long receivedFen;
    long sentFen;
    final long firstInTs;

    FlowAcc(int account, int tier, long firstInTs) {
      this.account = account;
      this.tier = tier;
      this.firstInTs = firstInTs;
    }
  }

  private static final class HoldAcc {
    final int account;
    final HoldReason reason;
    long amount;
    int minHop = Integer.MAX_VALUE;
    long lastTs = Long.MIN_VALUE;

    HoldAcc(int account, HoldReason reason) {
      this.account = account;
      this.reason = reason;
    }
  }
}
