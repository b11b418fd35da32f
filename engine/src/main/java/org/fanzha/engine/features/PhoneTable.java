package org.fanzha.engine.features;

/**
 * Phone numbers: outgoing call and SMS behaviour in a 24-hour window of six 4-hour buckets, distinct
 * contacts, card age, the IMEI and cell last used, reports and links to victims.
 */
public final class PhoneTable extends FeatureTable {

  // scalar fields (ints); ids are stored +1 so 0 means none
  static final int FLAGS = 0;
  static final int OPENED_MIN = 1;
  static final int HOLDER = 2;
  static final int NEXT_SIBLING = 3;
  static final int IMEI = 4;
  static final int CELL = 5;
  static final int REPORTS = 6;
  static final int REPORTERS = 7;
  static final int VICTIM_LINKS = 8;
  static final int LONG_CALLER = 9;
  static final int LONG_CALL_SEC = 10;
  static final int FRAUD_TYPE = 11;
  static final int FRAUD_CONTACT_SEC = 12;
  static final int SPOOFED = 13;
  private static final int SCALARS = 14;

  /** 16-bit counters of the call ring. */
  public static final int OUT = 0;
  public static final int ANSWERED = 1;
  public static final int SHORT = 2;
  public static final int LONG = 3;
  public static final int NIGHT = 4;
  public static final int FIRST_CONTACT = 5;
  public static final int CALLBACK = 6;
  public static final int SMS_OUT = 7;
  public static final int SMS_FRAUD = 8;

  /** Flag bits. */
  public static final int FLAG_LISTED = 1;
  public static final int FLAG_DEALER_LINKED = 2;
  public static final int FLAG_COUNTED_FOR_HOLDER = 4;
  public static final int FLAG_WHITELISTED = 8;
  public static final int FLAG_EPISODE = 16;

  static final long HOUR = 3_600_000L;
  private static final Ring RING = new Ring(SCALARS, 6, 5, 4 * HOUR);
  private static final Distinct CONTACTS = new Distinct(RING.end(), 4, 12 * HOUR);
  private static final int STRIDE = CONTACTS.end();

  /** Creates an empty table sized for {@code expected} phones. */
  public PhoneTable(int expected) {
    super(STRIDE, expected);
  }

  /** Returns the window the call counters cover. */
  public static long windowMs() {
    return RING.spanMs();
  }

  /** Returns the ring slot for an event at {@code ts} (advancing the window), or -1 if too late. */
  public int slot(int id, long ts) {
    return RING.slot(data, base(id), ts);
  }

  /** Adds to a call-ring counter in a slot from {@link #slot}. */
  public void add(int slot, int counter) {
    Ring.add16(data, slot, counter, 1);
  }

  /** Returns a call-ring counter summed over the window at {@code now}. */
  public int sum(int id, int counter, long now) {
    return RING.sum16(data, base(id), counter, now);
  }

  /** Sums every call-ring counter over the window into {@code out} (length ≥ 9). */
  public void sums(int id, long now, int[] out) {
    RING.sumAll(data, base(id), now, out, 9, NO_WORDS, 0);
  }

  private static final long[] NO_WORDS = new long[0];

  /** Records a distinct contact (callee or SMS receiver). */
  public void addContact(int id, long ts, int contactId) {
    CONTACTS.add(data, base(id), ts, Distinct.mix(contactId));
  }

  /** Returns the estimated distinct contacts over the last 12–24 hours. */
  public int distinctContacts(int id, long now) {
    return CONTACTS.estimate(data, base(id), now);
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

  /** Records when the card was opened and by which holder (threaded onto the holder's list). */
  public void opened(int id, long ts, int holderId, int nextSibling) {
    set(id, OPENED_MIN, (int) Math.max(1, (ts - EPOCH_BASE_MS) / 60_000));
    set(id, HOLDER, holderId + 1);
    set(id, NEXT_SIBLING, nextSibling + 1);
  }

  /** Returns the card age in days at {@code now}, or -1 when the opening was not seen. */
  public double cardAgeDays(int id, long now) {
    int m = get(id, OPENED_MIN);
    return m == 0 ? -1 : Math.max(0, (now - EPOCH_BASE_MS) / 60_000.0 - m) / 1440.0;
  }

  /** Returns the holder id, or -1. */
  public int holder(int id) {
    return get(id, HOLDER) - 1;
  }

  /** Returns the next phone of the same holder, or -1. */
  public int nextSibling(int id) {
    return get(id, NEXT_SIBLING) - 1;
  }

  /** Records the handset (IMEI) and cell last used. */
  public void usedDevice(int id, int imeiId, int cellId) {
    if (imeiId >= 0) {
      set(id, IMEI, imeiId + 1);
    }
    if (cellId >= 0) {
      set(id, CELL, cellId + 1);
    }
  }

  /** Returns the IMEI (device id) last used, or -1. */
  public int imei(int id) {
    return get(id, IMEI) - 1;
  }

  /** Returns the cell last used, or -1. */
  public int cell(int id) {
    return get(id, CELL) - 1;
  }

  /** Counts a report; {@code newReporter} when this reporter had not reported this phone before. */
  public void reported(int id, boolean newReporter) {
    set(id, REPORTS, get(id, REPORTS) + 1);
    if (newReporter) {
      set(id, REPORTERS, get(id, REPORTERS) + 1);
    }
  }

  /** Returns how many reports named this phone. */
  public int reports(int id) {
    return get(id, REPORTS);
  }

  /** Returns how many distinct reporters named this phone. */
  public int reporters(int id) {
    return get(id, REPORTERS);
  }

  /** Counts one more victim whose loss followed contact from this phone. */
  public void linkVictim(int id) {
    set(id, VICTIM_LINKS, get(id, VICTIM_LINKS) + 1);
  }

  /** Returns how many victims were linked to this phone. */
  public int victimLinks(int id) {
    return get(id, VICTIM_LINKS);
  }

  /** Remembers a long incoming call from a first-time caller (a possible fraud contact). */
  public void longCallFrom(int id, int callerId, long ts) {
    set(id, LONG_CALLER, callerId + 1);
    set(id, LONG_CALL_SEC, sec(ts));
  }

  /** Returns the caller of the last long first-contact call, or -1. */
  public int longCaller(int id) {
    return get(id, LONG_CALLER) - 1;
  }

  /** Returns when the last long first-contact call happened (epoch ms), or 0. */
  public long longCallTs(int id) {
    int s = get(id, LONG_CALL_SEC);
    return s == 0 ? 0 : ms(s);
  }

  /** Sets the fraud type learned from reports, labels or content (ordinal + 1; 0 = unknown). */
  public void fraudType(int id, int ordinalPlusOne) {
    set(id, FRAUD_TYPE, ordinalPlusOne);
  }

  /** Returns the fraud type ordinal + 1, or 0. */
  public int fraudType(int id) {
    return get(id, FRAUD_TYPE);
  }

  /** Remembers fraudulent content received (an SMS judged fraud), as a possible victim signal. */
  public void fraudContact(int id, long ts) {
    set(id, FRAUD_CONTACT_SEC, sec(ts));
  }

  /** Returns when fraudulent content was last received (epoch ms), or 0. */
  public long fraudContactTs(int id) {
    int s = get(id, FRAUD_CONTACT_SEC);
    return s == 0 ? 0 : ms(s);
  }

  /** Counts a call that showed the callee another number than the caller's (改号). */
  public void spoofed(int id) {
    set(id, SPOOFED, get(id, SPOOFED) + 1);
  }

  /** Returns how many calls showed another number than the caller's. */
  public int spoofedCalls(int id) {
    return get(id, SPOOFED);
  }
}
