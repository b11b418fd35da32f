package org.fanzha.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The residents, merchants and bank service lines of the city. A resident is only an index: every
 * attribute (phone, ID, card, region, circles, work role) is a pure function of it; only the
 * work-place shuffle and the phone numbers and IMEIs (used by nearly every event) are stored.
 */
final class Population {

  /** Work roles of benign heavy callers. */
  enum Work {
    NONE,
    COURIER,
    RIDER,
    BANK_AGENT,
    TELEMARKETER,
    NIGHT_SHIFT
  }

  static final int HOUSEHOLD = 4;
  static final int WORKPLACE = 20;
  static final int FRIENDS = 10;

  final int size;
  final Synth ids;
  private final long salt;
  private final int[] workOrder;
  private final int[] workPos;
  private final int[] heavy;
  private final double heavyFraction;
  private final double nightFraction;
  private final double newCourierShare;
  final int merchants;
  private final String[] phones;
  private final String[] imeis;

  Population(SimConfig c, Synth ids) {
    this.size = c.people();
    this.ids = ids;
    this.salt = Rand.hash(c.seed(), 0x909);
    this.heavyFraction = c.heavyCallerFraction();
    this.nightFraction = c.nightWorkerFraction();
    this.newCourierShare = c.newCourierShare();
    SplittableRandom r = Rand.stream(c.seed(), 0x77, 0);
    workOrder = new int[size];
    for (int i = 0; i < size; i++) {
      workOrder[i] = i;
    }
    for (int i = size - 1; i > 0; i--) { // Fisher–Yates: colleagues are not neighbours
      int j = r.nextInt(i + 1);
      int t = workOrder[i];
      workOrder[i] = workOrder[j];
      workOrder[j] = t;
    }
    workPos = new int[size];
    for (int p = 0; p < size; p++) {
      workPos[workOrder[p]] = p;
    }
    List<Integer> h = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (work(i) != Work.NONE) {
        h.add(i);
      }
    }
    heavy = h.stream().mapToInt(Integer::intValue).toArray();
    // phones and IMEIs appear in almost every event: computing them once saves a third of a pass
    phones = new String[size];
    imeis = new String[size];
    for (int i = 0; i < size; i++) {
      phones[i] = ids.phone(i);
      imeis[i] = ids.imei(i);
    }
    merchants = Math.max(12, size / 40);
  }

  // ---- residents

  int region(int i) {
    return Regions.home(Rand.hash(salt, 1, i));
  }

  String regionCode(int i) {
    return Regions.CODES[region(i)];
  }

  String phone(int i) {
    return phones[i];
  }

  String holder(int i) {
    return ids.residentId(i, regionCode(i));
  }

  String name(int i) {
    return Texts.name(Rand.hash(salt, 2, i));
  }

  String card(int i) {
    return ids.card(i);
  }

  int bank(int i) {
    return Synth.bankOf(i);
  }

  /** Returns whether the resident uses a payment wallet (most do). */
  boolean hasWallet(int i) {
    return Rand.unit(Rand.hash(salt, 3, i)) < 0.85;
  }

  String wallet(int i) {
    return (Rand.hash(salt, 4, i) & 1) == 0 ? ids.alipay(i) : ids.wechat(i);
  }

  String imei(int i) {
    return imeis[i];
  }

  String device(int i) {
    return ids.device(i);
  }

  String ip(int i) {
    return ids.mobileIp(i);
  }

  String homeCell(int i) {
    return Synth.cell(region(i), Rand.hash(salt, 5, i) & 0xFFFF);
  }

  String workCell(int i) {
    return Synth.cell(
        Regions.cityDistrict(new SplittableRandom(Rand.hash(salt, 6, i))),
        Rand.hash(salt, 7, i) & 0xFFFF);
  }

  /** Returns how talkative the resident is relative to the mean (0.3–3). */
  double activity(int i) {
    double u = Rand.unit(Rand.hash(salt, 8, i));
    return 0.3 + 2.7 * u * u;
  }

  /** Returns the opening time of the resident's phone card: years before the run. */
  long simOpened(int i, long start) {
    if (isNewCourier(i)) { // a new courier got a new card for the job a few days ago
      return start
          - 86_400_000L * (2 + Math.floorMod(Rand.hash(salt, 10, i), 8L))
          - 1000L * Math.floorMod(Rand.hash(salt, 11, i), 36_000L)
          - 8 * 3_600_000L;
    }
    return start
        - 86_400_000L * (400 + Math.floorMod(Rand.hash(salt, 10, i), 3600L))
        - 1000L * Math.floorMod(Rand.hash(salt, 11, i), 36_000L)
        - 8 * 3_600_000L;
  }

  long cardOpened(int i, long start) {
    return start
        - 86_400_000L * (200 + Math.floorMod(Rand.hash(salt, 12, i), 3000L))
        - 1000L * Math.floorMod(Rand.hash(salt, 13, i), 28_800L)
        - 9 * 3_600_000L;
  }

  long walletOpened(int i, long start) {
    return start
        - 86_400_000L * (60 + Math.floorMod(Rand.hash(salt, 14, i), 2000L))
        - 1000L * Math.floorMod(Rand.hash(salt, 15, i), 50_000L);
  }

  Work work(int i) {
    long h = Rand.hash(salt, 16, i);
    if (Rand.unit(h) >= heavyFraction) {
      // a separate draw, so adding night workers leaves the day-time heavy callers as they were
      return Rand.unit(Rand.hash(salt, 18, i)) < nightFraction ? Work.NIGHT_SHIFT : Work.NONE;
    }
    int k = (int) Math.floorMod(h >>> 40, 20L);
    return k < 8
        ? Work.COURIER
        : k < 13 ? Work.RIDER : k < 16 ? Work.TELEMARKETER : Work.BANK_AGENT;
  }

  /**
   * Returns whether the resident is a courier new on the job, on a card opened days before the run.
   */
  boolean isNewCourier(int i) {
    return newCourierShare > 0
        && work(i) == Work.COURIER
        && Rand.unit(Rand.hash(salt, 19, i)) < newCourierShare;
  }

  boolean isHeavy(int i) {
    return work(i) != Work.NONE;
  }

  /** Returns the benign heavy callers in index order. */
  int[] heavyCallers() {
    return heavy.clone();
  }

  int householdMember(int i, SplittableRandom r) {
    int first = (i / HOUSEHOLD) * HOUSEHOLD;
    int members = Math.min(HOUSEHOLD, size - first);
    if (members <= 1) {
      return friend(i, r.nextInt(FRIENDS));
    }
    int j = first + r.nextInt(members - 1);
    return j >= i ? j + 1 : j;
  }

  int colleague(int i, SplittableRandom r) {
    int block = workPos[i] / WORKPLACE * WORKPLACE;
    int members = Math.min(WORKPLACE, size - block);
    if (members <= 1) {
      return friend(i, r.nextInt(FRIENDS));
    }
    int p = block + r.nextInt(members - 1);
    if (p >= workPos[i]) {
      p++;
    }
    return workOrder[p];
  }

  int friend(int i, int k) {
    long off = 1 + Math.floorMod(Rand.hash(salt, 17, (long) i * FRIENDS + k), (long) size - 1);
    return (int) ((i + off) % size);
  }

  /** Returns a customer in the courier's or rider's delivery zone (a stretch of ~400 residents). */
  int zoneCustomer(int worker, SplittableRandom r) {
    int zone = Math.min(400, size - 1);
    int j = (int) Math.floorMod(worker - zone / 2 + (long) r.nextInt(zone), (long) size);
    return j == worker ? (j + 1) % size : j;
  }

  /** Returns a resident who is a customer of the given bank. */
  int bankCustomer(int bank, SplittableRandom r) {
    int banks = Synth.BINS.length;
    int groups = Math.max(1, (size - bank + banks - 1) / banks);
    return Math.min(size - 1, bank + banks * r.nextInt(groups));
  }

  // ---- merchants

  String merchantName(int m) {
    return Regions.NAMES[(int) Math.floorMod(Rand.hash(salt, 20, m), 4L)].substring(4)
        + Texts.SURNAMES[(int) Math.floorMod(Rand.hash(salt, 21, m), (long) Texts.SURNAMES.length)]
        + "记"
        + Texts.SHOP_KINDS[
            (int) Math.floorMod(Rand.hash(salt, 22, m), (long) Texts.SHOP_KINDS.length)];
  }

  String merchantWallet(int m) {
    return ids.merchantWallet(m);
  }

  String merchantCard(int m) {
    return ids.card(Synth.MERCHANT_BASE + m);
  }
}
