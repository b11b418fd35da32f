package org.fanzha.graph.funds;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.fanzha.core.event.Channel;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.id.Identifiers;
import org.jspecify.annotations.Nullable;

/**
 * A time-indexed graph of every journaled transfer between accounts, kept up to date as transfers
 * arrive, for the tracers. Thread-safe: one writer at a time, many readers.
 *
 * <p>Transfers may arrive in any order. Each account's out- and in-edges are read back sorted by
 * (time, arrival order), so a late transfer takes its place by time. The graph trusts the journal
 * for idempotency: appending the same transfer twice stores it twice.
 */
public final class TransferGraph {
  /*
   * Layout (all primitive arrays, no object per transfer):
   *
   *  1. Edge columns by arrival index e: from[e], to[e] (interned account ids), ts[e] (epoch ms),
   *     amount[e] (fen), flags[e] (channel ordinal + 1, and CASH_OUT). 25 bytes per transfer.
   *  2. An index in compressed-sparse-row form over edges [0, indexed): outStart/outEdges and
   *     inStart/inEdges, each account's segment sorted by (ts, e). 8 bytes per transfer.
   *  3. A delta for edges [indexed, count): per-account singly linked lists (head per account,
   *     next per delta edge), newest first. A reader merges the sorted segment with its sorted
   *     delta list. When the delta grows past half the index (and at least DELTA_MIN) the index is
   *     rebuilt from scratch by a counting sort, O(E + V); the geometric threshold keeps the
   *     rebuild cost amortised O(1) per append (each edge is re-sorted about three times).
   *
   * Transfers mostly arrive in time order, so a segment built by arrival order is almost always
   * already sorted by time; the rebuild checks each segment and sorts only those that are not.
   */

  private static final int DELTA_MIN = 1 << 15;
  private final int deltaMin;
  private static final byte CASH_OUT = (byte) 0x80;
  private static final Channel[] CHANNELS = Channel.values();

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final AccountIndex accounts = new AccountIndex();

  private int count;
  private int[] from;
  private int[] to;
  private long[] ts;
  private long[] amount;
  private byte[] flags;
  private long minTs = Long.MAX_VALUE;
  private long maxTs = Long.MIN_VALUE;

  private int indexed;
  private int indexedAccounts;
  private int[] outStart = new int[1];
  private int[] outEdges = new int[0];
  private int[] inStart = new int[1];
  private int[] inEdges = new int[0];

  private int[] deltaHeadOut = new int[0];
  private int[] deltaHeadIn = new int[0];
  private int[] deltaNextOut = new int[0];
  private int[] deltaNextIn = new int[0];

  /** Creates an empty graph. */
  public TransferGraph() {
    this(1024);
  }

  /** Creates an empty graph sized for about {@code expectedTransfers} transfers. */
  public TransferGraph(int expectedTransfers) {
    this(expectedTransfers, DELTA_MIN);
  }

  /** Creates a graph that rebuilds its index once the delta exceeds {@code deltaMin} edges. */
  TransferGraph(int expectedTransfers, int deltaMin) {
    this.deltaMin = deltaMin;
    int n = Math.max(16, expectedTransfers);
    from = new int[n];
    to = new int[n];
    ts = new long[n];
    amount = new long[n];
    flags = new byte[n];
  }

  /** Appends a transfer and returns its edge index. */
  public int append(TransferEvent t) {
    return append(t.from(), t.to(), t.ts(), t.amountFen(), t.channel());
  }

  /**
   * Appends a transfer of {@code amountFen} from one account to another at {@code tsMillis} and
   * returns its edge index. A {@code cash:} receiver or an ATM / crypto OTC channel marks a
   * cash-out, as {@link TransferEvent#isCashOut()} does.
   */
  public int append(
      String fromAccount,
      String toAccount,
      long tsMillis,
      long amountFen,
      @Nullable Channel channel) {
    if (amountFen <= 0) {
      throw new IllegalArgumentException("amount must be positive, was " + amountFen + " fen");
    }
    lock.writeLock().lock();
    try {
      int f = accounts.intern(fromAccount);
      int t = accounts.intern(toAccount);
      ensureEdgeCapacity(count + 1);
      ensureAccountCapacity(accounts.size());
      int e = count++;
      from[e] = f;
      to[e] = t;
      ts[e] = tsMillis;
      amount[e] = amountFen;
      byte fl = (byte) (channel == null ? 0 : channel.ordinal() + 1);
      if (Identifiers.isCashTerminal(toAccount)
          || channel == Channel.ATM
          || channel == Channel.CRYPTO_OTC) {
        fl |= CASH_OUT;
      }
      flags[e] = fl;
      minTs = Math.min(minTs, tsMillis);
      maxTs = Math.max(maxTs, tsMillis);
      int d = e - indexed;
      if (d >= deltaNextOut.length) {
        int n = Math.max(64, deltaNextOut.length + (deltaNextOut.length >> 1));
        deltaNextOut = Arrays.copyOf(deltaNextOut, n);
        deltaNextIn = Arrays.copyOf(deltaNextIn, n);
      }
      deltaNextOut[d] = deltaHeadOut[f];
      deltaHeadOut[f] = e;
      deltaNextIn[d] = deltaHeadIn[t];
      deltaHeadIn[t] = e;
      if (d + 1 > Math.max(deltaMin, indexed / 2)) {
        rebuildIndex();
      }
      return e;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Indexes every edge and drops spare capacity; call after a bulk load. */
  public void compact() {
    lock.writeLock().lock();
    try {
      rebuildIndex();
      from = Arrays.copyOf(from, Math.max(count, 1));
      to = Arrays.copyOf(to, Math.max(count, 1));
      ts = Arrays.copyOf(ts, Math.max(count, 1));
      amount = Arrays.copyOf(amount, Math.max(count, 1));
      flags = Arrays.copyOf(flags, Math.max(count, 1));
      accounts.trim();
      deltaHeadOut = Arrays.copyOf(deltaHeadOut, accounts.size());
      deltaHeadIn = Arrays.copyOf(deltaHeadIn, accounts.size());
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Returns the number of transfers held. */
  public int transferCount() {
    lock.readLock().lock();
    try {
      return count;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Returns the number of distinct accounts seen as payer or payee. */
  public int accountCount() {
    lock.readLock().lock();
    try {
      return accounts.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Returns the latest transfer time held, or {@code Long.MIN_VALUE} when empty. */
  public long latestTs() {
    lock.readLock().lock();
    try {
      return maxTs;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Returns the bytes held by the graph's arrays, capacity included: the figure behind "bytes per
   * transfer". Object headers of the ~20 arrays are counted at 16 bytes each.
   */
  public long memoryBytes() {
    lock.readLock().lock();
    try {
      long b = (long) from.length * (4 + 4 + 8 + 8 + 1);
      b += 4L * (outStart.length + outEdges.length + inStart.length + inEdges.length);
      b +=
          4L
              * (deltaHeadOut.length
                  + deltaHeadIn.length
                  + deltaNextOut.length
                  + deltaNextIn.length);
      return b + accounts.memoryBytes() + 20 * 16;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Returns the edge index of the earliest-indexed transfer with exactly these parties, time and
   * amount, or -1. This is how a transfer id from the journal is found in the graph, which does not
   * store ids: the journal gives the transfer, the graph finds its edge in O(log degree).
   */
  public int findEdge(String fromAccount, String toAccount, long tsMillis, long amountFen) {
    lock.readLock().lock();
    try {
      int f = accounts.find(fromAccount);
      int t = accounts.find(toAccount);
      if (f < 0 || t < 0) {
        return -1;
      }
      IntArrayList out = new IntArrayList();
      outEdges(f, tsMillis, tsMillis, out);
      for (int i = 0; i < out.size(); i++) {
        int e = out.getInt(i);
        if (to[e] == t && amount[e] == amountFen) {
          return e;
        }
      }
      return -1;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Returns the edge index of this journaled transfer, or -1 when the graph does not hold it. */
  public int findEdge(TransferEvent t) {
    return findEdge(t.from(), t.to(), t.ts(), t.amountFen());
  }

  /** Returns the interned id of an account, or -1 when the graph has never seen it. */
  public int accountId(String account) {
    lock.readLock().lock();
    try {
      return accounts.find(account);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Returns the identifier of an interned account id. */
  public String accountName(int id) {
    lock.readLock().lock();
    try {
      return accounts.name(id);
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---- edge columns; callers hold the read lock (see read) or own the graph alone

  int from(int e) {
    return from[e];
  }

  int to(int e) {
    return to[e];
  }

  long ts(int e) {
    return ts[e];
  }

  long amount(int e) {
    return amount[e];
  }

  boolean isCashOut(int e) {
    return (flags[e] & CASH_OUT) != 0;
  }

  @Nullable Channel channel(int e) {
    int c = flags[e] & 0x7f;
    return c == 0 ? null : CHANNELS[c - 1];
  }

  String name(int account) {
    return accounts.name(account);
  }

  int find(String account) {
    return accounts.find(account);
  }

  int edgeCountUnlocked() {
    return count;
  }

  /** Runs the body under the read lock, so a trace sees one consistent graph. */
  <T> T read(Supplier<T> body) {
    lock.readLock().lock();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Adds to {@code out} the out-edges of {@code account} with {@code fromTs <= ts <= toTs}, sorted
   * by (ts, edge index). Caller holds the read lock.
   */
  void outEdges(int account, long fromTs, long toTs, IntArrayList out) {
    collect(account, fromTs, toTs, out, outStart, outEdges, deltaHeadOut, deltaNextOut);
  }

  /** Adds the in-edges of {@code account} in a time range, sorted by (ts, edge index). */
  void inEdges(int account, long fromTs, long toTs, IntArrayList out) {
    collect(account, fromTs, toTs, out, inStart, inEdges, deltaHeadIn, deltaNextIn);
  }

  private void collect(
      int account,
      long fromTs,
      long toTs,
      IntArrayList out,
      int[] start,
      int[] edges,
      int[] head,
      int[] next) {
    int base = out.size();
    if (account < indexedAccounts) {
      int lo = start[account];
      int hi = start[account + 1];
      int i = lowerBound(edges, lo, hi, fromTs);
      for (; i < hi; i++) {
        int e = edges[i];
        if (ts[e] > toTs) {
          break;
        }
        out.add(e);
      }
    }
    int mid = out.size();
    for (int e = head[account]; e >= 0; e = next[e - indexed]) {
      long t = ts[e];
      if (t >= fromTs && t <= toTs) {
        out.add(e);
      }
    }
    if (out.size() > mid) {
      int[] a = out.elements();
      IntArrays.quickSort(a, mid, out.size(), this::compareEdges);
      if (mid > base) {
        mergeInPlace(out, base, mid);
      }
    }
  }

  private void mergeInPlace(IntArrayList out, int base, int mid) {
    int end = out.size();
    int[] a = out.elements();
    int[] merged = new int[end - base];
    int i = base;
    int j = mid;
    int k = 0;
    while (i < mid && j < end) {
      merged[k++] = compareEdges(a[i], a[j]) <= 0 ? a[i++] : a[j++];
    }
    while (i < mid) {
      merged[k++] = a[i++];
    }
    while (j < end) {
      merged[k++] = a[j++];
    }
    System.arraycopy(merged, 0, a, base, merged.length);
  }

  int compareEdges(int a, int b) {
    int c = Long.compare(ts[a], ts[b]);
    return c != 0 ? c : Integer.compare(a, b);
  }

  private int lowerBound(int[] edges, int lo, int hi, long t) {
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (ts[edges[m]] < t) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }

  private void rebuildIndex() {
    int v = accounts.size();
    outStart = new int[v + 1];
    inStart = new int[v + 1];
    outEdges = buildSegments(from, outStart, v);
    inEdges = buildSegments(to, inStart, v);
    indexed = count;
    indexedAccounts = v;
    Arrays.fill(deltaHeadOut, -1);
    Arrays.fill(deltaHeadIn, -1);
    deltaNextOut = new int[0];
    deltaNextIn = new int[0];
  }

  private int[] buildSegments(int[] key, int[] start, int v) {
    for (int e = 0; e < count; e++) {
      start[key[e] + 1]++;
    }
    for (int a = 0; a < v; a++) {
      start[a + 1] += start[a];
    }
    int[] pos = Arrays.copyOf(start, v);
    int[] edges = new int[count];
    for (int e = 0; e < count; e++) {
      edges[pos[key[e]]++] = e;
    }
    for (int a = 0; a < v; a++) {
      int lo = start[a];
      int hi = start[a + 1];
      for (int i = lo + 1; i < hi; i++) {
        if (ts[edges[i]] < ts[edges[i - 1]]) {
          IntArrays.quickSort(edges, lo, hi, this::compareEdges);
          break;
        }
      }
    }
    return edges;
  }

  private void ensureEdgeCapacity(int n) {
    if (n <= from.length) {
      return;
    }
    int cap =
        (int)
            Math.min(Integer.MAX_VALUE - 16, Math.max(n, from.length + (long) (from.length >> 1)));
    from = Arrays.copyOf(from, cap);
    to = Arrays.copyOf(to, cap);
    ts = Arrays.copyOf(ts, cap);
    amount = Arrays.copyOf(amount, cap);
    flags = Arrays.copyOf(flags, cap);
  }

  private void ensureAccountCapacity(int n) {
    if (n <= deltaHeadOut.length) {
      return;
    }
    int old = deltaHeadOut.length;
    int cap = Math.max(n, Math.max(64, old + (old >> 1)));
    deltaHeadOut = Arrays.copyOf(deltaHeadOut, cap);
    deltaHeadIn = Arrays.copyOf(deltaHeadIn, cap);
    Arrays.fill(deltaHeadOut, old, cap, -1);
    Arrays.fill(deltaHeadIn, old, cap, -1);
  }
}
