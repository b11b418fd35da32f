package org.fanzha.engine.features;

import static org.fanzha.core.time.Millis.HOUR;

import org.fanzha.core.id.Identifiers;

/**
 * Accounts: money in and out in a 24-hour window of six 4-hour buckets, pass-through and dwell time
 * (快进快出), fan-in and fan-out, new payees, cash-out, and inflows of tainted money (from suspected
 * victims or mules).
 */
public final class AccountTable extends FeatureTable {

  // ids stored +1 so 0 means none. Word 0 holds the flags (low half) and the fraud type (high
  // half); small counts share words as 16-bit halves (saturating). Money stays 32-bit whole yuan.
  static final int FLAGS = 0;
  static final int OPENED_MIN = 1;
  static final int HOLDER = 2;
  static final int NEXT_SIBLING = 3;
  static final int PHONE = 4;
  static final int LAST_IN_SEC = 5;
  static final int POOL_YUAN = 6;
  static final int LAST_TAINT_SEC = 7;
  static final int DEVICE_ACCOUNTS =
      8; // the device's distinct accounts when this one last used it, + 1 (0: never)
  static final int IP_ACCOUNTS = 9; // the same for the IP
  static final int REPORTS_REPORTERS = 10; // reports low, distinct reporters high
  static final int VICTIM_MULE_IN = 11; // victim inflows low, mule inflows high
  static final int FAST_TOTAL =
      12; // a count that keeps growing over the account's life: a whole int
  private static final int SCALARS = 13;

  /** 16-bit counters of the money ring. */
  public static final int IN_COUNT = 0;

  public static final int OUT_COUNT = 1;
  public static final int FAST_OUT = 2;
  public static final int CASH_OUT = 3;
  public static final int NEW_PAYEE = 4;
  public static final int NIGHT = 5;

  /** 32-bit words of the money ring (whole yuan). */
  public static final int IN_YUAN_WORD = 3;

  public static final int OUT_YUAN_WORD = 4;

  public static final int FLAG_LISTED = FeatureTable.FLAG_LISTED;
  public static final int FLAG_DEALER_LINKED = 2;
  public static final int FLAG_COUNTED_FOR_HOLDER = 4;
  public static final int FLAG_WHITELISTED = FeatureTable.FLAG_WHITELISTED;
  public static final int FLAG_CASH = 16;

  // six 16-bit counters then two 32-bit yuan words a bucket: ten halves
  private static final Ring RING = new Ring(SCALARS, 6, 10, 4 * HOUR);
  private static final Distinct SENDERS = new Distinct(RING.end(), 2, 12 * HOUR);
  private static final Distinct PAYEES = new Distinct(SENDERS.end(), 2, 12 * HOUR);
  // when a small sum last came in: after the older words, so a snapshot written before it widens by
  // zeros
  private static final int SMALL_IN_SEC = PAYEES.end();
  private static final int STRIDE = SMALL_IN_SEC + 1;

  /** Creates an empty table sized for {@code expected} accounts. */
  public AccountTable(int expected) {
    super(STRIDE, expected);
  }

  /** Returns the ring slot for an event at {@code ts} (advancing the window), or -1 if too late. */
  public int slot(int id, long ts) {
    return RING.slot(page(id), base(id), ts);
  }

  /** Adds one to a 16-bit counter in a slot of this account from {@link #slot}. */
  public void add(int id, int slot, int counter) {
    Ring.add16(page(id), slot, counter, 1);
  }

  /** Adds whole yuan to a 32-bit word in a slot of this account from {@link #slot}. */
  public void addYuan(int id, int slot, int word, long yuan) {
    Ring.add32(page(id), slot, word, yuan);
  }

  /** Returns a 16-bit counter summed over the window. */
  public int sum(int id, int counter, long now) {
    return RING.sum16(page(id), base(id), counter, now);
  }

  /** Returns a yuan word summed over the window. */
  public long sumYuan(int id, int word, long now) {
    return RING.sum32(page(id), base(id), word, now);
  }

  /**
   * Sums every money-ring counter over the window into {@code out} (length ≥ 6) and the yuan words
   * into {@code yuan} ({@code [in, out]}).
   */
  public void sums(int id, long now, int[] out, long[] yuan) {
    RING.sumAll(page(id), base(id), now, out, 6, yuan, IN_YUAN_WORD);
  }

  /** Records a distinct payer. */
  public void addSender(int id, long ts, int senderHash) {
    SENDERS.add(page(id), base(id), ts, Distinct.mix(senderHash));
  }

  /** Records a distinct payee. */
  public void addPayee(int id, long ts, int payeeHash) {
    PAYEES.add(page(id), base(id), ts, Distinct.mix(payeeHash));
  }

  /** Returns the estimated distinct payers over the last 12–24 hours. */
  public int fanIn(int id, long now) {
    return SENDERS.estimate(page(id), base(id), now);
  }

  /** Returns the estimated distinct payees over the last 12–24 hours. */
  public int fanOut(int id, long now) {
    return PAYEES.estimate(page(id), base(id), now);
  }

  @Override
  public int flags(int id) {
    return get(id, FLAGS) & 0xFFFF;
  }

  @Override
  public void setFlags(int id, int bits) {
    page(id)[base(id) + FLAGS] |= bits & 0xFFFF;
  }

  @Override
  public void clearFlags(int id, int bits) {
    page(id)[base(id) + FLAGS] &= ~(bits & 0xFFFF);
  }

  /** Records when the account was opened, by which holder, with which registered phone. */
  public void opened(int id, long ts, int holderId, int nextSibling, int phoneId) {
    set(id, OPENED_MIN, (int) Math.max(1, (ts - EPOCH_BASE_MS) / 60_000));
    linkTo(id, holderId, nextSibling);
    if (phoneId >= 0) {
      set(id, PHONE, phoneId + 1);
    }
  }

  /**
   * Makes the account {@code holderId}'s (-1: no one's), before {@code nextSibling} on its list.
   */
  public void linkTo(int id, int holderId, int nextSibling) {
    set(id, HOLDER, holderId + 1);
    set(id, NEXT_SIBLING, nextSibling + 1);
  }

  /**
   * A cash terminal ({@code cash:…}) is one from the first time it is met: a keyed runner may
   * deliver money a mule sent to it before the transfer that pays it out (decision 0040).
   */
  @Override
  protected int flagsByName(String name) {
    return Identifiers.isCashTerminal(name) ? FLAG_CASH : 0;
  }

  private static final int[] LINKS = {HOLDER, NEXT_SIBLING, PHONE};

  @Override
  protected int[] linkWords() {
    return LINKS;
  }

  /** Returns the account age in days, or -1 when the opening was not seen. */
  public double ageDays(int id, long now) {
    int m = get(id, OPENED_MIN);
    return m == 0 ? -1 : Math.max(0, (now - EPOCH_BASE_MS) / 60_000.0 - m) / 1440.0;
  }

  /** Returns the holder id, or -1. */
  public int holder(int id) {
    return get(id, HOLDER) - 1;
  }

  /** Returns the next account of the same holder, or -1. */
  public int nextSibling(int id) {
    return get(id, NEXT_SIBLING) - 1;
  }

  /** Sets the registered phone (from an opening or a transfer's {@code from_phone}). */
  public void phone(int id, int phoneId) {
    set(id, PHONE, phoneId + 1);
  }

  /** Returns the registered phone, or -1. */
  public int phone(int id) {
    return get(id, PHONE) - 1;
  }

  /** Counts a report. */
  public void reported(int id, boolean newReporter) {
    incHalf(id, REPORTS_REPORTERS, false);
    if (newReporter) {
      incHalf(id, REPORTS_REPORTERS, true);
    }
  }

  /** Returns how many reports named this account (saturating at 65,535). */
  public int reports(int id) {
    return half(id, REPORTS_REPORTERS, false);
  }

  /** Returns how many distinct reporters named this account (saturating at 65,535). */
  public int reporters(int id) {
    return half(id, REPORTS_REPORTERS, true);
  }

  /**
   * Records an inflow: the 快进快出 pool holds money received in the last day that has not yet left, so
   * a later outflow can be matched against it.
   */
  public void inflow(int id, long ts, long yuan) {
    int now = sec(ts);
    int last = get(id, LAST_IN_SEC);
    long pool = last != 0 && now - last <= 86_400 ? get(id, POOL_YUAN) : 0;
    set(id, POOL_YUAN, (int) Math.min(Integer.MAX_VALUE, pool + yuan));
    set(id, LAST_IN_SEC, now);
  }

  /**
   * Returns whether an outflow of {@code yuan} now would be covered by money that came in within
   * {@code withinMs} (the inflows of a day up to the last one, less what left since): an account
   * paying on what it received, however slowly.
   */
  public boolean covered(int id, long ts, long yuan, long withinMs) {
    int last = get(id, LAST_IN_SEC);
    return last != 0 && sec(ts) - last <= withinMs / 1000 && get(id, POOL_YUAN) >= yuan;
  }

  /**
   * Records an outflow and returns whether it passed money straight on: it left within {@code
   * fastSec} of the last inflow and took at least {@code share} of the pool.
   */
  public boolean outflow(int id, long ts, long yuan, int fastSec, double share) {
    int now = sec(ts);
    int last = get(id, LAST_IN_SEC);
    int pool = get(id, POOL_YUAN);
    boolean fast = last != 0 && now - last <= fastSec && pool > 0 && yuan >= share * pool;
    if (last != 0) {
      set(
          id,
          POOL_YUAN,
          (int) Math.max(0, pool - yuan)); // what left is no longer there to pay on (covered)
    }
    if (fast) {
      set(id, FAST_TOTAL, get(id, FAST_TOTAL) + 1);
    }
    return fast;
  }

  /** Returns how many fast pass-through outflows this account ever made. */
  public int fastTotal(int id) {
    return get(id, FAST_TOTAL);
  }

  /**
   * Records that a small sum came in: a refund, a gift, or a brushing gang's "commission" for the
   * first tasks.
   */
  public void smallInflow(int id, long ts) {
    set(id, SMALL_IN_SEC, sec(ts));
  }

  /** Returns when a small sum last came in (epoch ms), or 0. */
  public long lastSmallInTs(int id) {
    int s = get(id, SMALL_IN_SEC);
    return s == 0 ? 0 : ms(s);
  }

  /** Returns when money last came in (epoch ms), or 0. */
  public long lastInTs(int id) {
    int s = get(id, LAST_IN_SEC);
    return s == 0 ? 0 : ms(s);
  }

  /** Counts money received from a new suspected victim. */
  public void victimInflow(int id, long ts) {
    incHalf(id, VICTIM_MULE_IN, false);
    set(id, LAST_TAINT_SEC, sec(ts));
  }

  /** Returns how many distinct suspected victims paid this account. */
  public int victimInflows(int id) {
    return half(id, VICTIM_MULE_IN, false);
  }

  /** Counts money received from a suspected mule shortly after it was itself paid. */
  public void muleInflow(int id, long ts) {
    incHalf(id, VICTIM_MULE_IN, true);
    set(id, LAST_TAINT_SEC, sec(ts));
  }

  /** Returns how many inflows came from suspected mules. */
  public int muleInflows(int id) {
    return half(id, VICTIM_MULE_IN, true);
  }

  /** Returns when tainted money last came in (epoch ms), or 0. */
  public long lastTaintTs(int id) {
    int s = get(id, LAST_TAINT_SEC);
    return s == 0 ? 0 : ms(s);
  }

  /**
   * Records how many accounts the device and the IP an outgoing transfer came from have served
   * recently ({@code -1}: not named, the last count stays); the counts travel with the event from
   * the device's and IP's step.
   */
  public void usedDevice(int id, int deviceAccounts, int ipAccounts) {
    setCount(id, DEVICE_ACCOUNTS, deviceAccounts);
    setCount(id, IP_ACCOUNTS, ipAccounts);
  }

  /** Returns how many accounts the device last used served when it was used, or 0. */
  public int deviceAccounts(int id) {
    return count(id, DEVICE_ACCOUNTS);
  }

  /** Returns how many accounts the IP last used served when it was used, or 0. */
  public int ipAccounts(int id) {
    return count(id, IP_ACCOUNTS);
  }

  /**
   * Turns the device and IP ids that snapshots before format 10 kept into the counts kept since, at
   * {@code now}.
   */
  public void countsFromIds(NodeTable devices, NodeTable ips, long now) {
    for (int id = 0, n = size(); id < n; id++) {
      countFromId(id, DEVICE_ACCOUNTS, device -> devices.accounts(device, now));
      countFromId(id, IP_ACCOUNTS, ip -> ips.accounts(ip, now));
    }
  }

  /** Sets the fraud type (ordinal + 1). */
  public void fraudType(int id, int ordinalPlusOne) {
    set(id, FLAGS, (get(id, FLAGS) & 0xFFFF) | (ordinalPlusOne & 0xFFFF) << 16);
  }

  /** Returns the fraud type ordinal + 1, or 0. */
  public int fraudType(int id) {
    return get(id, FLAGS) >>> 16;
  }

  @Override
  protected int retainedFlags() {
    return super.retainedFlags() | FLAG_DEALER_LINKED | FLAG_CASH;
  }
}
