package org.fanzha.engine.features;

import static org.fanzha.core.time.Millis.HOUR;

/**
 * Phone numbers: outgoing call and SMS behaviour in a 24-hour window of six 4-hour buckets,
 * distinct contacts, card age, how many numbers shared its handset (IMEI) and cell when it last
 * used them, reports and links to victims.
 */
public final class PhoneTable extends FeatureTable {

  // scalar fields (ints); ids are stored +1 so 0 means none. Word 0 holds the flags (low half) and
  // the fraud type (high half); small counts share words as 16-bit halves (saturating).
  static final int FLAGS =
      0; // flag bits 0–7, long first contacts 8–15 (saturating), fraud type 16–31
  static final int OPENED_MIN = 1;
  static final int HOLDER = 2;
  static final int NEXT_SIBLING = 3;
  static final int IMEI_PHONES =
      4; // the handset's distinct numbers when this one last used it, + 1 (0: never)
  static final int CELL_PHONES = 5; // the same for the cell
  static final int LONG_CALLER = 6;
  static final int LONG_CALL_SEC = 7;
  static final int FRAUD_CONTACT_SEC = 8;
  static final int REPORTS_REPORTERS = 9; // reports low, distinct reporters high
  static final int VICTIMS_SPOOFED = 10; // victim links low, spoofed calls high
  private static final int SCALARS = 11;

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
  public static final int FLAG_LISTED = FeatureTable.FLAG_LISTED;

  public static final int FLAG_DEALER_LINKED = 2;
  public static final int FLAG_COUNTED_FOR_HOLDER = 4;
  public static final int FLAG_WHITELISTED = FeatureTable.FLAG_WHITELISTED;
  public static final int FLAG_EPISODE = 16;

  private static final Ring BUCKETS =
      new Ring(SCALARS, 6, 9, 4 * HOUR); // nine 16-bit counters a bucket
  private static final Distinct CONTACTS = new Distinct(BUCKETS.end(), 4, 12 * HOUR);
  // after the older words, so a snapshot written before them widens by zeros (FeatureTable#read)
  private static final int ACTIVE_DAY =
      CONTACTS.end(); // the last day (since EPOCH_BASE_MS) it called or texted
  private static final int ACTIVE_BITS =
      ACTIVE_DAY + 1; // bit i: it called or texted on that day minus i
  private static final int LAST_IMEI =
      ACTIVE_BITS + 1; // the hash of the handset its last call came from (0: none)
  private static final int LAST_IMEI_SEC = LAST_IMEI + 1;
  private static final int SWITCHES =
      LAST_IMEI_SEC + 1; // quick handset switches since the first of the last day's
  private static final int LAST_SWITCH_SEC = SWITCHES + 1;
  // the call ring's nine counters summed over its buckets: what scoring reads (decision 0044); last
  // of the features, beside the risk words, which a score reads too
  private static final int TOTALS = LAST_SWITCH_SEC + 1;
  private static final Ring RING = BUCKETS.withTotals(TOTALS);
  private static final int STRIDE = TOTALS + RING.totalWords();

  /** How many days back {@link #activeDays} looks. */
  public static final int ACTIVE_SPAN_DAYS = 30;

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
    return RING.slot(page(id), base(id), ts);
  }

  /** Adds to a call-ring counter in a slot of this phone from {@link #slot}. */
  public void add(int id, int slot, int counter) {
    RING.add(page(id), base(id), slot, counter, 1);
  }

  @Override
  protected void widened(int id) {
    RING.resum(page(id), base(id));
  }

  /** Returns a call-ring counter summed over the window at {@code now}. */
  public int sum(int id, int counter, long now) {
    return RING.sum16(page(id), base(id), counter, now);
  }

  /** Sums every call-ring counter over the window into {@code out} (length ≥ 9). */
  public void sums(int id, long now, int[] out) {
    RING.sumAll(page(id), base(id), now, out, 9, NO_WORDS, 0);
  }

  private static final long[] NO_WORDS = new long[0];

  /** Records a distinct contact (callee or SMS receiver). */
  public void addContact(int id, long ts, int contactHash) {
    CONTACTS.add(page(id), base(id), ts, Distinct.mix(contactHash));
  }

  /** Returns the estimated distinct contacts over the last 12–24 hours. */
  public int distinctContacts(int id, long now) {
    return CONTACTS.estimate(page(id), base(id), now);
  }

  @Override
  public int flags(int id) {
    return get(id, FLAGS) & 0xFF;
  }

  @Override
  public void setFlags(int id, int bits) {
    page(id)[base(id) + FLAGS] |= bits & 0xFF;
  }

  @Override
  public void clearFlags(int id, int bits) {
    page(id)[base(id) + FLAGS] &= ~(bits & 0xFF);
  }

  /**
   * Counts a long first call this phone placed: a stranger kept on the line, someone a victim link
   * could later point back to. Kept in the flags word's second byte, saturating at 255 (a snapshot
   * written before it reads as 0).
   */
  public void countLongFirstContact(int id) {
    int w = get(id, FLAGS);
    if ((w & 0xFF00) != 0xFF00) {
      set(id, FLAGS, w + 0x100);
    }
  }

  /** Returns how many long first calls this phone placed (saturating at 255). */
  public int longFirstContacts(int id) {
    return (get(id, FLAGS) >>> 8) & 0xFF;
  }

  /** Records when the card was opened and by which holder (threaded onto the holder's list). */
  public void opened(int id, long ts, int holderId, int nextSibling) {
    set(id, OPENED_MIN, (int) Math.max(1, (ts - EPOCH_BASE_MS) / 60_000));
    linkTo(id, holderId, nextSibling);
  }

  /** Makes the card {@code holderId}'s (-1: no one's), before {@code nextSibling} on its list. */
  public void linkTo(int id, int holderId, int nextSibling) {
    set(id, HOLDER, holderId + 1);
    set(id, NEXT_SIBLING, nextSibling + 1);
  }

  private static final int[] LINKS = {HOLDER, NEXT_SIBLING, LONG_CALLER};

  @Override
  protected int[] linkWords() {
    return LINKS;
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

  /**
   * Records how many numbers the handset (IMEI) and the cell this phone used just now have carried
   * recently ({@code -1}: not named by the event, the last count stays). The count travels with the
   * event from the handset's and cell's step (decision 0023), so the phone's own step needs no
   * look-up elsewhere.
   */
  public void usedDevice(int id, int imeiPhones, int cellPhones) {
    setCount(id, IMEI_PHONES, imeiPhones);
    setCount(id, CELL_PHONES, cellPhones);
  }

  /** Returns how many numbers the handset last used carried when it was used, or 0. */
  public int imeiPhones(int id) {
    return count(id, IMEI_PHONES);
  }

  /** Returns how many numbers the cell last used carried when it was used, or 0. */
  public int cellPhones(int id) {
    return count(id, CELL_PHONES);
  }

  /**
   * Turns the handset and cell ids that snapshots before format 10 kept into the counts kept since,
   * as {@code devices} and {@code cells} give them at {@code now}.
   */
  public void countsFromIds(NodeTable devices, CellTable cells, long now) {
    for (int id = 0, n = size(); id < n; id++) {
      countFromId(id, IMEI_PHONES, imei -> devices.phones(imei, now));
      countFromId(id, CELL_PHONES, cell -> cells.phones(cell, now));
    }
  }

  /** Counts a report; {@code newReporter} when this reporter had not reported this phone before. */
  public void reported(int id, boolean newReporter) {
    incHalf(id, REPORTS_REPORTERS, false);
    if (newReporter) {
      incHalf(id, REPORTS_REPORTERS, true);
    }
  }

  /** Returns how many reports named this phone (saturating at 65,535). */
  public int reports(int id) {
    return half(id, REPORTS_REPORTERS, false);
  }

  /** Returns how many distinct reporters named this phone (saturating at 65,535). */
  public int reporters(int id) {
    return half(id, REPORTS_REPORTERS, true);
  }

  /** Counts one more victim whose loss followed contact from this phone. */
  public void linkVictim(int id) {
    incHalf(id, VICTIMS_SPOOFED, false);
  }

  /** Returns how many victims were linked to this phone (saturating at 65,535). */
  public int victimLinks(int id) {
    return half(id, VICTIMS_SPOOFED, false);
  }

  /** Remembers a long incoming call from a first-time caller (a possible fraud contact). */
  public void longCallFrom(int id, int callerId, long ts) {
    set(id, LONG_CALLER, callerId + 1);
    set(id, LONG_CALL_SEC, sec(ts));
  }

  /** Names another caller of the last long first-contact call, its time unchanged. */
  public void longCaller(int id, int callerId) {
    set(id, LONG_CALLER, callerId + 1);
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
    set(id, FLAGS, (get(id, FLAGS) & 0xFFFF) | (ordinalPlusOne & 0xFFFF) << 16);
  }

  /** Returns the fraud type ordinal + 1, or 0. */
  public int fraudType(int id) {
    return get(id, FLAGS) >>> 16;
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

  /** Marks the day of {@code ts} as one on which this phone called or texted. */
  public void active(int id, long ts) {
    int day = day(ts);
    int last = get(id, ACTIVE_DAY);
    int bits = get(id, ACTIVE_BITS);
    if (day > last) {
      bits = day - last >= 32 ? 0 : bits << (day - last);
      set(id, ACTIVE_DAY, day);
      last = day;
    }
    if (last - day < 32) {
      set(
          id,
          ACTIVE_BITS,
          bits | 1 << (last - day)); // a late event marks its own day, if still held
    }
  }

  /**
   * Returns on how many of the {@link #ACTIVE_SPAN_DAYS} days up to {@code now} this phone called
   * or texted.
   */
  public int activeDays(int id, long now) {
    int behind = day(now) - get(id, ACTIVE_DAY); // days since the newest bit's day
    if (behind >= ACTIVE_SPAN_DAYS || get(id, ACTIVE_DAY) == 0) {
      return 0;
    }
    int kept =
        ACTIVE_SPAN_DAYS - Math.max(0, behind); // of the newest bits, those still within the span
    return Integer.bitCount(get(id, ACTIVE_BITS) & (int) ((1L << kept) - 1));
  }

  private static int day(long ts) {
    return (int) Math.max(1, (ts - EPOCH_BASE_MS) / 86_400_000L);
  }

  /**
   * Records the handset a call came from, and counts a quick switch when the previous call came
   * from another one within {@code quickMs}: a card cannot be in two handsets minutes apart unless
   * it is shared or cloned, or is kept apart from its phone in a SIM box (机卡分离). A late event
   * changes nothing.
   */
  public void handset(int id, int imeiHash, long ts, long quickMs) {
    int hash = imeiHash == 0 ? 1 : imeiHash;
    int now = sec(ts);
    int last = get(id, LAST_IMEI);
    int lastSec = get(id, LAST_IMEI_SEC);
    if (last != 0 && now < lastSec) {
      return;
    }
    if (last != 0 && last != hash && now - lastSec <= quickMs / 1000) {
      int lastSwitch = get(id, LAST_SWITCH_SEC);
      set(id, SWITCHES, lastSwitch != 0 && now - lastSwitch <= 86_400 ? get(id, SWITCHES) + 1 : 1);
      set(id, LAST_SWITCH_SEC, now);
    }
    set(id, LAST_IMEI, hash);
    set(id, LAST_IMEI_SEC, now);
  }

  /**
   * Returns the quick handset switches in the run of them that last went on within a day of {@code
   * now}, or 0.
   */
  public int handsetSwitches(int id, long now) {
    int lastSwitch = get(id, LAST_SWITCH_SEC);
    return lastSwitch != 0 && sec(now) - lastSwitch <= 86_400 ? get(id, SWITCHES) : 0;
  }

  /** Counts a call that showed the callee another number than the caller's (改号). */
  public void spoofed(int id) {
    incHalf(id, VICTIMS_SPOOFED, true);
  }

  /** Returns how many calls showed another number than the caller's (saturating at 65,535). */
  public int spoofedCalls(int id) {
    return half(id, VICTIMS_SPOOFED, true);
  }

  @Override
  protected int retainedFlags() {
    return super.retainedFlags() | FLAG_DEALER_LINKED | FLAG_EPISODE;
  }
}
