package org.fanzha.bench.graph;

import static org.fanzha.core.time.Millis.DAY;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.fanzha.core.event.Channel;
import org.fanzha.graph.funds.TransferGraph;

/**
 * A deterministic synthetic transfer log for benchmarks: background payments among ordinary
 * accounts and merchants, plus fraud cases in which a victim pays a 一级卡 that splits the money
 * through up to six tiers of mule cards within minutes and cashes it out at ATMs or crypto OTC
 * desks. Held in primitive columns, sorted by time, so generating it is not part of any timing.
 */
public final class SyntheticTransfers {

  /** First instant: 2026-11-01T00:00+08:00. */
  public static final long START = 1_793_462_400_000L;

  private static final int DAYS = 30;

  public final int size;

  /** Accounts proper; ids from here on are cash terminals. */
  public final int accounts;

  public final String[] names;
  public final int[] from;
  public final int[] to;
  public final long[] ts;
  public final long[] amount;
  public final byte[] channel;

  /** Edge indexes (after sorting) of the victims' payments, one per fraud case. */
  public final int[] seeds;

  /** Accounts (ids into names) that are mule cards. */
  public final boolean[] mule;

  private SyntheticTransfers(
      int size,
      int accounts,
      String[] names,
      int[] from,
      int[] to,
      long[] ts,
      long[] amount,
      byte[] channel,
      int[] seeds,
      boolean[] mule) {
    this.size = size;
    this.accounts = accounts;
    this.names = names;
    this.from = from;
    this.to = to;
    this.ts = ts;
    this.amount = amount;
    this.channel = channel;
    this.seeds = seeds;
    this.mule = mule;
  }

  /** Returns {@code n} transfers (at most 16 M) generated from {@code seed}; ~10 per account. */
  public static SyntheticTransfers generate(long seed, int n) {
    if (n < 1000 || n > (1 << 24)) {
      throw new IllegalArgumentException("size must be 1,000..16,777,216, was " + n);
    }
    SplittableRandom r = new SplittableRandom(seed);
    int accounts = n / 10;
    int merchants = Math.max(10, accounts / 100);
    int mules = Math.max(50, accounts / 50);
    int terminals = Math.max(10, accounts / 1000);
    int total = accounts + terminals;
    String[] names = new String[total];
    char[] buf = new char[32];
    for (int a = 0; a < total; a++) {
      names[a] = name(a, accounts, buf);
    }
    boolean[] mule = new boolean[total];
    // mule cards are the last ids before the terminals; merchants the first ids
    for (int m = 0; m < mules; m++) {
      mule[accounts - 1 - m] = true;
    }
    int[] from = new int[n];
    int[] to = new int[n];
    long[] ts = new long[n];
    long[] amount = new long[n];
    byte[] ch = new byte[n];
    int caseBudget = n / 10; // about 10% of transfers move stolen money
    int k = 0;
    int[] caseSeeds = new int[n / 8];
    int cases = 0;
    int ordinary = accounts - mules;
    long[] stackAmt = new long[256];
    int[] stackAcct = new int[256];
    long[] stackTs = new long[256];
    int[] stackHop = new int[256];
    while (k < caseBudget) {
      int victim = merchants + r.nextInt(ordinary - merchants);
      int first = accounts - 1 - r.nextInt(mules);
      long t0 = START + (long) (r.nextDouble() * (DAYS - 8) * DAY);
      long stolen = 100 * (2_000 + r.nextInt(200_000));
      caseSeeds[cases++] = k;
      add(from, to, ts, amount, ch, k++, victim, first, t0, stolen, Channel.MOBILE);
      int depth = 3 + r.nextInt(4); // cash out after 3..6 tiers
      int sp = 0;
      stackAcct[sp] = first;
      stackAmt[sp] = stolen;
      stackTs[sp] = t0;
      stackHop[sp] = 1;
      sp++;
      while (sp > 0 && k < n - 8) {
        sp--;
        int acct = stackAcct[sp];
        long amt = stackAmt[sp];
        long t = stackTs[sp];
        int hop = stackHop[sp];
        if (hop >= depth || amt < 300_00) {
          // cash out in one or two withdrawals
          int parts = amt > 2_000_000 ? 2 : 1;
          long left = amt;
          for (int p = 0; p < parts; p++) {
            long x = p == parts - 1 ? left : left / 2;
            left -= x;
            boolean atm = r.nextInt(3) > 0;
            int term =
                atm ? accounts + r.nextInt(terminals) : merchants + r.nextInt(ordinary - merchants);
            add(
                from,
                to,
                ts,
                amount,
                ch,
                k++,
                acct,
                term,
                t + 60_000L * (1 + r.nextInt(30)),
                x,
                atm ? Channel.ATM : Channel.CRYPTO_OTC);
          }
          continue;
        }
        int split = 2 + r.nextInt(2);
        long left = amt;
        for (int s = 0; s < split && sp < stackAcct.length - 1; s++) {
          long x = s == split - 1 ? left : left / split + r.nextInt(1000);
          x = Math.min(x, left);
          left -= x;
          if (x <= 0) {
            continue;
          }
          int next = accounts - 1 - r.nextInt(mules);
          long tn = t + 60_000L * (1 + r.nextInt(20));
          add(from, to, ts, amount, ch, k++, acct, next, tn, x, Channel.MOBILE);
          stackAcct[sp] = next;
          stackAmt[sp] = x;
          stackTs[sp] = tn;
          stackHop[sp] = hop + 1;
          sp++;
        }
      }
    }
    // background: ordinary accounts paying each other and merchants
    while (k < n) {
      int f = r.nextInt(ordinary);
      int t = r.nextInt(10) < 3 ? r.nextInt(merchants) : r.nextInt(ordinary);
      if (t == f) {
        t = (t + 1) % ordinary;
      }
      long when = START + (long) (r.nextDouble() * DAYS * DAY);
      long amt = 100L * (1 + (long) Math.exp(r.nextDouble() * 10));
      add(
          from,
          to,
          ts,
          amount,
          ch,
          k++,
          f,
          t,
          when,
          amt,
          r.nextInt(20) == 0 ? Channel.ONLINE : Channel.MOBILE);
    }
    // sort by time (stable by generation order): transfers reach the graph in time order
    long[] key = new long[n];
    for (int i = 0; i < n; i++) {
      key[i] = ((ts[i] - START) / 1000) << 24 | i;
    }
    Arrays.parallelSort(key);
    int[] pos = new int[n];
    int[] f2 = new int[n];
    int[] t2 = new int[n];
    long[] ts2 = new long[n];
    long[] a2 = new long[n];
    byte[] c2 = new byte[n];
    for (int j = 0; j < n; j++) {
      int i = (int) (key[j] & 0xFFFFFF);
      pos[i] = j;
      f2[j] = from[i];
      t2[j] = to[i];
      ts2[j] = ts[i];
      a2[j] = amount[i];
      c2[j] = ch[i];
    }
    int[] seeds = new int[cases];
    for (int c = 0; c < cases; c++) {
      seeds[c] = pos[caseSeeds[c]];
    }
    return new SyntheticTransfers(n, accounts, names, f2, t2, ts2, a2, c2, seeds, mule);
  }

  /** Returns the channel of transfer {@code i}, or null. */
  public @org.jspecify.annotations.Nullable Channel channel(int i) {
    return channel[i] == 0 ? null : Channel.values()[channel[i] - 1];
  }

  /**
   * Appends every transfer, in time order, to the graph. Account names are built afresh for each
   * transfer, as a decoder does for each event; handing over the shared {@code names} instead would
   * add two cache misses per name that no real feed has (measured: 10 M loads took 22 s that way
   * against the time printed now).
   */
  public void appendTo(TransferGraph g) {
    Channel[] values = Channel.values();
    char[] buf = new char[64];
    for (int i = 0; i < size; i++) {
      g.append(
          name(from[i], buf),
          name(to[i], buf),
          ts[i],
          amount[i],
          channel[i] == 0 ? null : values[channel[i] - 1]);
    }
  }

  /**
   * Returns account {@code a}'s name computed afresh (no shared memory read), as a decoder would.
   */
  private String name(int a, char[] buf) {
    return name(a, accounts, buf);
  }

  /** Card-like numbers {@code 6222…} (19 digits) for accounts, {@code cash:ATM-…} for terminals. */
  static String name(int a, int accounts, char[] buf) {
    if (a >= accounts) {
      return "cash:ATM-" + (410_000 + a - accounts);
    }
    long v = (a * 2_654_435_761L) % 1_000_000_000_000_000L + a;
    buf[0] = '6';
    buf[1] = '2';
    buf[2] = '2';
    buf[3] = '2';
    for (int i = 18; i >= 4; i--) {
      buf[i] = (char) ('0' + v % 10);
      v /= 10;
    }
    return new String(buf, 0, 19);
  }

  private static void add(
      int[] from,
      int[] to,
      long[] ts,
      long[] amount,
      byte[] ch,
      int k,
      int f,
      int t,
      long when,
      long amt,
      Channel c) {
    from[k] = f;
    to[k] = t;
    ts[k] = when;
    amount[k] = Math.max(1, amt);
    ch[k] = (byte) (c.ordinal() + 1);
  }
}
