package org.fanzha.engine.features;

/**
 * Holders (resident IDs): cards and accounts opened in a 30-day window of six 5-day buckets and in
 * total, distinct agents (opening channels), devices and regions, the phones and accounts they
 * opened (as intrusive lists through those tables) and how many of those turned out risky.
 */
public final class HolderTable extends FeatureTable {

  static final int FLAGS = 0;
  static final int FIRST_PHONE = 1;
  static final int FIRST_ACCOUNT = 2;
  static final int SIMS_TOTAL = 3;
  static final int ACCOUNTS_TOTAL = 4;
  static final int FRAUD_LINKED = 5;
  static final int SHARED_OPENING = 6;
  static final int LAST_DEVICE = 7;
  static final int LAST_IP = 8;
  private static final int SCALARS = 9;

  /** 16-bit counters of the opening ring. */
  public static final int SIM = 0;
  public static final int BANK = 1;
  public static final int PAYMENT = 2;
  public static final int INTERNET = 3;

  public static final int FLAG_LISTED = 1;
  public static final int FLAG_DEALER_PROPAGATED = 2;
  public static final int FLAG_WHITELISTED = 8;

  private static final long DAY = 86_400_000L;
  private static final Ring RING = new Ring(SCALARS, 6, 2, 5 * DAY);
  private static final Distinct AGENTS = new Distinct(RING.end(), 1, 15 * DAY);
  private static final Distinct DEVICES = new Distinct(AGENTS.end(), 1, 15 * DAY);
  private static final Distinct REGIONS = new Distinct(DEVICES.end(), 1, 15 * DAY);
  private static final int STRIDE = REGIONS.end();

  /** Creates an empty table sized for {@code expected} holders. */
  public HolderTable(int expected) {
    super(STRIDE, expected);
  }

  int get(int id, int field) {
    return data[base(id) + field];
  }

  void set(int id, int field, int v) {
    data[base(id) + field] = v;
  }

  /** Returns the flag bits. */
  public int flags(int id) {
    return get(id, FLAGS);
  }

  /** Sets flag bits. */
  public void setFlags(int id, int bits) {
    data[base(id) + FLAGS] |= bits;
  }

  /** Clears flag bits. */
  public void clearFlags(int id, int bits) {
    data[base(id) + FLAGS] &= ~bits;
  }

  /**
   * Records an opening of the given ring counter ({@link #SIM} …) with hashes of its agent
   * channel, device and region (0 when absent).
   */
  public void opened(int id, long ts, int counter, int agentHash, int deviceHash, int regionHash) {
    int e = base(id);
    Ring.add16(data, RING.slot(data, e, ts), counter, 1);
    if (counter == SIM) {
      set(id, SIMS_TOTAL, get(id, SIMS_TOTAL) + 1);
    } else {
      set(id, ACCOUNTS_TOTAL, get(id, ACCOUNTS_TOTAL) + 1);
    }
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

  /** Returns openings of one kind in the 30-day window. */
  public int opened(int id, int counter, long now) {
    return RING.sum16(data, base(id), counter, now);
  }

  /** Returns phone cards opened in total. */
  public int simsTotal(int id) {
    return get(id, SIMS_TOTAL);
  }

  /** Returns accounts opened in total. */
  public int accountsTotal(int id) {
    return get(id, ACCOUNTS_TOTAL);
  }

  /** Returns distinct opening channels (agents) over the last 15–30 days. */
  public int distinctAgents(int id, long now) {
    return AGENTS.estimate(data, base(id), now);
  }

  /** Returns distinct opening devices over the last 15–30 days. */
  public int distinctDevices(int id, long now) {
    return DEVICES.estimate(data, base(id), now);
  }

  /** Returns distinct opening regions over the last 15–30 days. */
  public int distinctRegions(int id, long now) {
    return REGIONS.estimate(data, base(id), now);
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
    set(id, FRAUD_LINKED, get(id, FRAUD_LINKED) + 1);
  }

  /** Returns how many of this holder's cards or accounts were judged fraud numbers or mules. */
  public int fraudLinked(int id) {
    return get(id, FRAUD_LINKED);
  }

  /** Keeps the largest number of holders seen on a device or IP this holder opened from. */
  public void sharedOpening(int id, int holdersOnNode) {
    if (holdersOnNode > get(id, SHARED_OPENING)) {
      set(id, SHARED_OPENING, holdersOnNode);
    }
  }

  /** Returns the largest number of holders seen on a device or IP this holder opened from. */
  public int sharedOpening(int id) {
    return get(id, SHARED_OPENING);
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
}
