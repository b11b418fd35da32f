package org.fanzha.engine.features;

import static org.fanzha.core.time.Millis.DAY;

/**
 * Holders (resident IDs): cards and accounts opened in a 30-day window of six 5-day buckets and in
 * total, distinct agents (opening channels), devices and regions, the phones and accounts they
 * opened (as intrusive lists through those tables) and how many of those turned out risky.
 */
public final class HolderTable extends FeatureTable {

  // ids stored +1 so 0 means none; small counts share words as 16-bit halves (saturating)
  static final int FLAGS = 0;
  static final int FIRST_PHONE = 1;
  static final int FIRST_ACCOUNT = 2;
  static final int TOTALS = 3; // SIM cards opened low, accounts opened high
  static final int FRAUD_SHARED =
      4; // fraud-linked cards and accounts low, largest shared opening high
  static final int LAST_DEVICE = 5;
  static final int LAST_IP = 6;
  private static final int SCALARS = 7;

  /** 16-bit counters of the opening ring. */
  public static final int SIM = 0;

  public static final int BANK = 1;
  public static final int PAYMENT = 2;
  public static final int INTERNET = 3;

  public static final int FLAG_LISTED = FeatureTable.FLAG_LISTED;
  public static final int FLAG_DEALER_PROPAGATED = 2;
  public static final int FLAG_WHITELISTED = FeatureTable.FLAG_WHITELISTED;

  private static final Ring RING = new Ring(SCALARS, 6, 4, 5 * DAY);
  private static final Distinct AGENTS = new Distinct(RING.end(), 1, 15 * DAY);
  private static final Distinct DEVICES = new Distinct(AGENTS.end(), 1, 15 * DAY);
  private static final Distinct REGIONS = new Distinct(DEVICES.end(), 1, 15 * DAY);
  private static final int STRIDE = REGIONS.end();

  /** Creates an empty table sized for {@code expected} holders. */
  public HolderTable(int expected) {
    super(STRIDE, expected);
  }

  @Override
  public int flags(int id) {
    return get(id, FLAGS);
  }

  @Override
  public void setFlags(int id, int bits) {
    page(id)[base(id) + FLAGS] |= bits;
  }

  @Override
  public void clearFlags(int id, int bits) {
    page(id)[base(id) + FLAGS] &= ~bits;
  }

  /**
   * Records an opening of the given ring counter ({@link #SIM} …) with hashes of its agent channel,
   * device and region (0 when absent).
   */
  public void opened(int id, long ts, int counter, int agentHash, int deviceHash, int regionHash) {
    int e = base(id);
    int[] data = page(id);
    Ring.add16(data, RING.slot(data, e, ts), counter, 1);
    incHalf(id, TOTALS, counter != SIM);
    if (agentHash != 0) {
      AGENTS.add(data, e, ts, agentHash);
    }
    if (deviceHash != 0) {
      DEVICES.add(data, e, ts, deviceHash);
    }
    if (regionHash != 0) {
      REGIONS.add(data, e, ts, regionHash);
    }
  }

  /**
   * A card or account no longer held: an opening refused as it was made, or one closed later. It
   * leaves the totals; it stays an opening in the 30-day window (a burst of refused openings, or of
   * cards opened and given up, is what a dealer does), and the number stays linked to the holder.
   */
  public void released(int id, int counter) {
    decHalf(id, TOTALS, counter != SIM);
  }

  /** Returns openings of one kind in the 30-day window. */
  public int opened(int id, int counter, long now) {
    return RING.sum16(page(id), base(id), counter, now);
  }

  /** Returns phone cards opened in total. */
  public int simsTotal(int id) {
    return half(id, TOTALS, false);
  }

  /** Returns accounts opened in total. */
  public int accountsTotal(int id) {
    return half(id, TOTALS, true);
  }

  /** Returns distinct opening channels (agents) over the last 15–30 days. */
  public int distinctAgents(int id, long now) {
    return AGENTS.estimate(page(id), base(id), now);
  }

  /** Returns distinct opening devices over the last 15–30 days. */
  public int distinctDevices(int id, long now) {
    return DEVICES.estimate(page(id), base(id), now);
  }

  /** Returns distinct opening regions over the last 15–30 days. */
  public int distinctRegions(int id, long now) {
    return REGIONS.estimate(page(id), base(id), now);
  }

  /** Pushes a phone onto this holder's list; returns the previous head (-1 if none). */
  public int pushPhone(int id, int phoneId) {
    int old = get(id, FIRST_PHONE) - 1;
    set(id, FIRST_PHONE, phoneId + 1);
    return old;
  }

  /** Pushes an account onto this holder's list; returns the previous head (-1 if none). */
  public int pushAccount(int id, int accountId) {
    int old = get(id, FIRST_ACCOUNT) - 1;
    set(id, FIRST_ACCOUNT, accountId + 1);
    return old;
  }

  /** Returns the most recently opened phone, or -1 (follow {@link PhoneTable#nextSibling}). */
  public int firstPhone(int id) {
    return get(id, FIRST_PHONE) - 1;
  }

  /** Returns the most recently opened account, or -1 (follow {@link AccountTable#nextSibling}). */
  public int firstAccount(int id) {
    return get(id, FIRST_ACCOUNT) - 1;
  }

  /** Counts one more of this holder's cards or accounts judged a fraud number or mule. */
  public void linkFraud(int id) {
    incHalf(id, FRAUD_SHARED, false);
  }

  /** Returns how many of this holder's cards or accounts were judged fraud numbers or mules. */
  public int fraudLinked(int id) {
    return half(id, FRAUD_SHARED, false);
  }

  /** Keeps the largest number of holders seen on a device or IP this holder opened from. */
  public void sharedOpening(int id, int holdersOnNode) {
    int v = Math.min(holdersOnNode, 0xFFFF); // estimates stop at a few hundred
    if (v > half(id, FRAUD_SHARED, true)) {
      set(id, FRAUD_SHARED, (get(id, FRAUD_SHARED) & 0xFFFF) | v << 16);
    }
  }

  /** Returns the largest number of holders seen on a device or IP this holder opened from. */
  public int sharedOpening(int id) {
    return half(id, FRAUD_SHARED, true);
  }

  /** Remembers the device and IP of the last opening (-1 when absent). */
  public void openedThrough(int id, int deviceId, int ipId) {
    if (deviceId >= 0) {
      set(id, LAST_DEVICE, deviceId + 1);
    }
    if (ipId >= 0) {
      set(id, LAST_IP, ipId + 1);
    }
  }

  /** Returns the device of the last opening, or -1. */
  public int lastDevice(int id) {
    return get(id, LAST_DEVICE) - 1;
  }

  /** Returns the IP of the last opening, or -1. */
  public int lastIp(int id) {
    return get(id, LAST_IP) - 1;
  }

  private static final int[] LINKS = {FIRST_PHONE, FIRST_ACCOUNT, LAST_DEVICE, LAST_IP};

  @Override
  protected int[] linkWords() {
    return LINKS;
  }

  @Override
  protected int retainedFlags() {
    return super.retainedFlags() | FLAG_DEALER_PROPAGATED;
  }
}
