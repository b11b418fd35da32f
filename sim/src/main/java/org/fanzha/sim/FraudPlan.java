package org.fanzha.sim;

import static org.fanzha.core.time.Millis.DAY;
import static org.fanzha.core.time.Millis.HOUR;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.Channel;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.event.TransferEvent;
import org.jspecify.annotations.Nullable;

/**
 * The fraud side of the city, made up front: card dealers and their holders, the cards and accounts
 * they open, SIM farms and their active days, hook numbers, the mule pool by tier, and every
 * victim's story (lure, hook call, handset signal, transfers, laundering, cash-out, report). Ground
 * truth comes from what actually happened here, so every label is backed by events.
 */
final class FraudPlan {
  /*
   * A victim's money: victim -> tier-1 mule (one per transfer) -> after 2–15 minutes split into
   * 1–3 parts to tier-2 mules -> ... -> the last tier cashes out at ATMs (≤ 20,000 yuan a
   * withdrawal) or sells to a crypto OTC trader. Each hop keeps a small fee (≤ 1%), so the sums
   * shrink slightly along the chain. Next-hop mules are chosen by "two random choices, fewer uses
   * wins", which spreads money over the pool so that most planted mules really receive some.
   */

  private static final long MIN = 60_000L;

  private static final Set<FraudType> CALL_LED =
      Set.of(FraudType.CUSTOMER_SERVICE, FraudType.POLICE, FraudType.BOSS_ACQUAINTANCE);

  private static final String[] MEETING_APPS = {
    "com.meeting.cloudroom", "com.zoomlike.video", "com.shareview.screen"
  };
  private static final String[] REMOTE_APPS = {
    "com.remote.helperdesk", "com.rc.anydesk.lite", "com.sunremote.client"
  };
  private static final String[] FAKE_APPS = {
    "com.hzjr.licai",
    "com.jinrong.vipapp",
    "com.ks.renwu",
    "com.daikuan.sudai",
    "com.anquan.jingwu",
    "com.yx.jiaoyi",
  };
  private static final char[] BASE58 =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

  /** A card dealer: one agent channel, device and IP used with several holders' IDs. */
  record Dealer(
      int region,
      String device,
      String ip,
      String channel,
      List<String> holders,
      List<String> holderPhones) {}

  /**
   * A SIM farm: a few shared handsets (IMEIs) at one or two cells, cards active a few days each.
   */
  static final class Farm {
    final int index;
    final int region;
    final FraudType[] types;
    final String[] numbers;
    final int[] activeFrom;
    final int[] activeTo;
    final String[] imeis;
    final String[] cells;

    Farm(int index, int region, FraudType[] types, int n, int devices) {
      this.index = index;
      this.region = region;
      this.types = types;
      this.numbers = new String[n];
      this.activeFrom = new int[n];
      this.activeTo = new int[n];
      this.imeis = new String[devices];
      this.cells = new String[2];
    }

    boolean active(int j, int day) {
      return day >= activeFrom[j] && day < activeTo[j];
    }
  }

  /**
   * A resident's own number rented to blast fraud messages for a few days ({@link
   * Tactic#SMS_SPREAD}).
   */
  record Blaster(String phone, String region, FraudType type, int fromDay, int toDay, int perDay) {
    boolean active(int day) {
      return day >= fromDay && day < toDay;
    }
  }

  /** One account in the mule pool. */
  static final class Mule {
    final String account;
    final int tier;
    final String name;
    final String phone;
    final String device;
    final String ip;
    final String region;

    /** The gang (its dealer's index) whose money it moves. */
    final int gang;

    int uses;

    /** Holds what it receives for hours and forwards it in pieces ({@link Tactic#SLOW_MULES}). */
    boolean slow;

    Mule(
        String account,
        int tier,
        String name,
        String phone,
        String device,
        String ip,
        String region,
        int gang) {
      this.account = account;
      this.tier = tier;
      this.name = name;
      this.phone = phone;
      this.device = device;
      this.ip = ip;
      this.region = region;
      this.gang = gang;
    }
  }

  private final SimConfig config;
  private final Population pop;
  private final Synth ids;
  private final List<Event> events = new ArrayList<>();
  private final GroundTruth.Builder labels = new GroundTruth.Builder();
  private final List<Dealer> dealers = new ArrayList<>();
  private final List<Farm> farms = new ArrayList<>();
  private final List<String> hooks = new ArrayList<>();
  private final List<FraudType> hookTypes = new ArrayList<>();
  private final List<String> hookImeis = new ArrayList<>();
  private final List<Integer> hookGangs = new ArrayList<>();
  private final List<List<Mule>> tiers = new ArrayList<>();
  private final Set<Integer> reserved = new HashSet<>();
  private final double[] mixCumulative;
  private final FraudType[] mixTypes;
  private final IdSeq id = new IdSeq("p");
  private long simIndex;
  private long accountIndex;
  private final Set<Integer> victims = new HashSet<>();

  /** Each planted gang entity's gang (its dealer's index), by {@code kind:entity}; first wins. */
  private final Map<String, Integer> gangOf = new TreeMap<>();

  // ---- the adversarial tactics (all off by default)
  /**
   * Draws of the tactics, from a stream of their own: with every tactic off the city is the tuned
   * one, byte for byte.
   */
  private final SplittableRandom adv;

  /** Entities each fraud tactic produced, as {@code kind:entity}, by tactic wire name. */
  private final Map<String, Set<String>> byTactic = new TreeMap<>();

  private final Set<Integer> rentedHooks = new HashSet<>();
  private final List<String> desks = new ArrayList<>();
  private final List<Blaster> blasters = new ArrayList<>();

  /**
   * Per-world parameters of the tactics, drawn from the seed so that no rule can key on a constant.
   */
  private final double rentedShare;

  private final double rentedAnswered;
  private final double rentedCalledBack;
  private final double slowShare;
  private final double deskShare;
  private final double remoteAtmShare;

  FraudPlan(SimConfig config, Population pop, Synth ids) {
    this.config = config;
    this.pop = pop;
    this.ids = ids;
    Map<FraudType, Integer> mix = config.fraudMix();
    mixTypes = mix.keySet().toArray(new FraudType[0]);
    double[] w = new double[mixTypes.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = Objects.requireNonNull(mix.get(mixTypes[i]));
    }
    mixCumulative = Rand.cumulative(w);
    adv = Rand.stream(config.seed(), 0x7AC, 0);
    rentedShare = 0.3 + 0.3 * adv.nextDouble();
    rentedAnswered = 0.5 + 0.2 * adv.nextDouble();
    rentedCalledBack = 0.08 + 0.17 * adv.nextDouble();
    slowShare = 0.5 + 0.4 * adv.nextDouble();
    deskShare = 0.4 + 0.4 * adv.nextDouble();
    remoteAtmShare = 0.3 + 0.5 * adv.nextDouble();
    SplittableRandom r = Rand.stream(config.seed(), 0x44, 0);
    for (int i : pop.heavyCallers()) {
      reserved.add(i);
      labels.add(EntityKind.PHONE, pop.phone(i), Role.NORMAL, null);
    }
    for (String line : Synth.SERVICE_LINES) {
      labels.add(EntityKind.PHONE, line, Role.NORMAL, null);
    }
    buildDealers(r);
    buildFarms(r);
    buildHooks(r);
    buildMules(r);
    buildDesks();
    buildBlasters();
    SplittableRandom v = Rand.stream(config.seed(), 0x55, 0);
    for (int day = 0; day < config.days(); day++) {
      int n = Rand.poisson(v, config.victimsPerDay());
      for (int k = 0; k < n; k++) {
        int person = freeResident(v, victims);
        if (person >= 0) {
          victims.add(person);
          victim(person, day, v);
        }
      }
      smsReports(day, v);
    }
    hookLeadCalls();
    pastTheCardLimit();
    events.sort(Comparator.comparingLong(Event::ts));
  }

  /**
   * The operators' real-name rule: at most this many phone cards in one person's name, all
   * operators together.
   */
  static final int CARDS_PER_PERSON = 5;

  /**
   * Each dealer fills one of its names up to the limit during the run and then tries one or two
   * cards more (a dealer sees only the operator it sells for, not the cards other operators gave
   * the same name): the openings past the limit are the ones to refuse (一证五号). Drawn from a stream
   * of their own, so the rest of the world is unchanged.
   */
  private void pastTheCardLimit() {
    for (int d = 0; d < dealers.size(); d++) {
      Dealer dealer = dealers.get(d);
      String holder = dealer.holders().get(0);
      SplittableRandom r = Rand.stream(config.seed(), 0x4C1, d);
      long held =
          events.stream()
              .filter(
                  e ->
                      e instanceof OpeningEvent o
                          && o.kind() == OpeningKind.SIM
                          && o.holder().equals(holder))
              .count();
      long attempts = Math.max(0, CARDS_PER_PERSON - held) + 1 + r.nextInt(2);
      for (int k = 0; k < attempts; k++) {
        long ts = config.startMillis() + r.nextLong(config.days() * DAY);
        openSim(dealer, holder, ids.phone(Synth.FRAUD_BASE + 800_000L + d * 16L + k), ts);
      }
    }
  }

  List<Event> events() {
    return events;
  }

  /**
   * Adds events another generator made up front (openings before the run), keeping the list in time
   * order.
   */
  void addUpFront(List<Event> more) {
    if (!more.isEmpty()) {
      events.addAll(more);
      events.sort(Comparator.comparingLong(Event::ts));
    }
  }

  /**
   * Returns the labels so far; the benign plan adds its own (fraud roles were added first and win).
   */
  GroundTruth.Builder labels() {
    return labels;
  }

  /**
   * Returns the entities each fraud tactic of {@link SimConfig#tactics()} produced ({@code
   * kind:entity}, sorted), by the tactic's wire name; empty when none is on.
   */
  Map<String, Set<String>> byTactic() {
    return byTactic;
  }

  /**
   * Returns the gang (a dealer's index) of every entity a gang owns: its dealer's handset, network
   * and holders, the cards and accounts opened in their names, its farms' handsets, its hook
   * numbers and its mules (with the handsets and networks they use for it), as {@code kind:entity}.
   */
  Map<String, Integer> gangs() {
    return gangOf;
  }

  private void gang(EntityKind kind, String entity, int gang) {
    gangOf.putIfAbsent(kind.wireName() + ":" + entity, gang);
  }

  private void tactic(Tactic t, EntityKind kind, String entity) {
    byTactic
        .computeIfAbsent(t.wireName(), k -> new TreeSet<>())
        .add(kind.wireName() + ":" + entity);
  }

  /**
   * Returns whether a resident plays a part on the fraud side (rented card, victim) or is a heavy
   * caller.
   */
  boolean involves(int resident) {
    return reserved.contains(resident) || victims.contains(resident);
  }

  List<Farm> farms() {
    return farms;
  }

  /**
   * Returns the residents' numbers rented to blast messages ({@link Tactic#SMS_SPREAD}; empty when
   * off).
   */
  List<Blaster> blasters() {
    return blasters;
  }

  // ---- infrastructure

  private void buildDealers(SplittableRandom r) {
    for (int d = 0; d < config.cardDealers(); d++) {
      int region = Regions.gang(r);
      List<String> holders = new ArrayList<>();
      List<String> phones = new ArrayList<>();
      String device = ids.device(Synth.FRAUD_BASE + d);
      Dealer dealer =
          new Dealer(
              region,
              device,
              ids.fixedIp(Synth.FRAUD_BASE + d),
              "代理点-" + Regions.NAMES[region] + "通讯店" + (1 + r.nextInt(40)) + "号",
              holders,
              phones);
      dealers.add(dealer);
      labels.add(EntityKind.DEVICE, device, Role.CARD_DEALER, null);
      gang(EntityKind.DEVICE, device, d);
      gang(EntityKind.IP, dealer.ip(), d);
      for (int h = 0; h < config.holdersPerDealer(); h++) {
        long k = Synth.HOLDER_BASE + (long) d * config.holdersPerDealer() + h;
        String holder =
            ids.residentId(k, Regions.CODES[Regions.home(Rand.hash(config.seed(), 0x40, k))]);
        holders.add(holder);
        labels.add(EntityKind.HOLDER, holder, Role.CARD_DEALER, null);
        gang(EntityKind.HOLDER, holder, d);
        // each holder's own registration phone, used to register the accounts opened in the name
        long ts = config.startMillis() - (10 + r.nextInt(20)) * DAY - r.nextInt(8 * 3600) * 1000L;
        phones.add(openSim(dealer, holder, ts));
      }
    }
  }

  /** Opens a new card through a dealer and returns its number. */
  private String openSim(Dealer dealer, String holder, long ts) {
    return openSim(dealer, holder, ids.phone(Synth.FRAUD_BASE + simIndex++), ts);
  }

  /** Opens card {@code phone} through a dealer, in the dealer's gang; returns the number. */
  private String openSim(Dealer dealer, String holder, String phone, long ts) {
    gang(EntityKind.PHONE, phone, dealers.indexOf(dealer));
    events.add(
        new OpeningEvent(
            id.next('o'),
            ts,
            Synth.carrier(phone),
            OpeningKind.SIM,
            phone,
            holder,
            null,
            Regions.CODES[dealer.region()],
            dealer.device(),
            dealer.ip(),
            dealer.channel()));
    return phone;
  }

  private Dealer dealerFor(long n) {
    return dealers.get((int) (n % dealers.size()));
  }

  private String holderFor(Dealer d, long n) {
    return d.holders().get((int) ((n / dealers.size()) % d.holders().size()));
  }

  private void buildFarms(SplittableRandom r) {
    int days = config.days();
    int n = config.numbersPerFarm();
    for (int f = 0; f < config.simFarms(); f++) {
      FraudType[] types = {pickType(r), pickType(r)};
      Farm farm = new Farm(f, Regions.gang(r), types, n, Math.max(1, (n + 7) / 8));
      for (int k = 0; k < farm.imeis.length; k++) {
        farm.imeis[k] = ids.imei(Synth.FRAUD_BASE / 4 + f * 64L + k);
        gang(EntityKind.DEVICE, farm.imeis[k], farmGang(f));
      }
      for (int k = 0; k < farm.cells.length; k++) {
        farm.cells[k] =
            Synth.cell(farm.region, Rand.hash(config.seed(), 0x46, f * 2L + k) & 0xFFFF);
      }
      for (int j = 0; j < n; j++) {
        int from = (int) ((long) j * days / n);
        int length = 1 + r.nextInt(3);
        farm.activeFrom[j] = from;
        farm.activeTo[j] = Math.min(days, from + length);
        long index = simIndex;
        Dealer d = config.gangsApart() ? dealers.get(farmGang(f)) : dealerFor(index);
        long opened = config.startMillis() + from * DAY - (6 * HOUR + r.nextLong(66 * 3600) * 1000);
        farm.numbers[j] = openSim(d, holderFor(d, index), opened);
        labels.add(EntityKind.PHONE, farm.numbers[j], Role.FRAUD_NUMBER, types[0]);
      }
      farms.add(farm);
    }
  }

  /** The gang a farm works for. */
  private int farmGang(int farm) {
    return farm % dealers.size();
  }

  private void buildHooks(SplittableRandom r) {
    int outside = (int) Math.round(config.hookNumbers() * config.outsideHookShare());
    int inside = config.hookNumbers() - outside;
    for (int h = 0; h < config.hookNumbers(); h++) {
      hookTypes.add(mixTypes[h % mixTypes.length]);
      if (config.has(Tactic.RENTED_OLD_CARDS) && Rand.chance(adv, rentedShare) && rentOldCard(h)) {
        continue;
      }
      if (h < inside) {
        long index = simIndex;
        // the call centre's gang opens its cards when gangs keep apart
        Dealer d = config.gangsApart() ? dealers.get(h % dealers.size()) : dealerFor(index);
        long opened =
            config.startMillis() - (3 + r.nextInt(18)) * DAY - r.nextInt(10 * 3600) * 1000L;
        hooks.add(openSim(d, holderFor(d, index), opened));
        hookImeis.add(callCentreHandset(h)); // call-centre handsets, 3 cards each
        hookGangs.add(
            h
                % dealers
                    .size()); // the call centre sits with a gang (as before outside hooks existed)
        continue;
      }
      // bought outside the modelled dealers: one stranger's card each, on its own handset
      String phone = ids.phone(Synth.FRAUD_BASE + 900_000L + h);
      if (Rand.chance(
          r,
          0.5)) { // its opening is on record: long ago, at an ordinary shop, one card in that name
        long k = Synth.HOLDER_BASE + 500_000L + h;
        String region = Regions.CODES[Regions.home(Rand.hash(config.seed(), 0x41, k))];
        long opened =
            config.startMillis() - (30 + r.nextInt(700)) * DAY - r.nextInt(10 * 3600) * 1000L;
        events.add(
            new OpeningEvent(
                id.next('o'),
                opened,
                Synth.carrier(phone),
                OpeningKind.SIM,
                phone,
                ids.residentId(k, region),
                null,
                region,
                null,
                null,
                "营业厅"));
      }
      hooks.add(phone);
      hookImeis.add(ids.imei(Synth.FRAUD_BASE / 4 + 70_000L + h));
      hookGangs.add(r.nextInt(dealers.size()));
    }
    for (int h = 0; h < hooks.size(); h++) {
      gang(EntityKind.PHONE, hooks.get(h), hookGangs.get(h));
    }
  }

  /**
   * The handset of the call centre's hook {@code h}: three cards to one. Apart, each gang's call
   * centre keeps its own handsets (hook h works for gang h mod dealers); else consecutive hooks of
   * different gangs share one.
   */
  private String callCentreHandset(int h) {
    int gangs = dealers.size();
    long k = config.gangsApart() ? (h % gangs) * 1_000L + h / gangs / 3 : h / 3;
    String imei = ids.imei(Synth.FRAUD_BASE / 4 + 60_000L + k);
    if (config.gangsApart()) {
      gang(EntityKind.DEVICE, imei, h % gangs); // shared by three gangs otherwise
    }
    return imei;
  }

  /**
   * A resident's own card, opened years ago and used normally since, rented to the gang (its opener
   * is paid; a handler in the call centre uses it). Returns false when no resident is free.
   */
  private boolean rentOldCard(int h) {
    int i = freeResident(adv, victims);
    if (i < 0) {
      return false;
    }
    reserved.add(i);
    rentedHooks.add(h);
    hooks.add(pop.phone(i));
    hookImeis.add(callCentreHandset(h)); // the call centre's handsets, as its own cards
    hookGangs.add(h % dealers.size());
    tactic(Tactic.RENTED_OLD_CARDS, EntityKind.PHONE, pop.phone(i));
    return true;
  }

  /**
   * Hook numbers also work through lists of leads besides their victims: first contacts in the day
   * and evening, under half answered, mostly hung up within seconds, a few kept talking for
   * minutes, almost never called back. Every hook that placed a call is a fraud number.
   */
  private void hookLeadCalls() {
    if (config.hookCallsPerDay() <= 0) {
      return;
    }
    SplittableRandom r = Rand.stream(config.seed(), 0x48, 0);
    for (int h = 0; h < hooks.size(); h++) {
      String hook = hooks.get(h);
      int gangRegion = dealers.get(hookGangs.get(h)).region();
      String cell = Synth.cell(gangRegion, 7 + h / 3);
      for (int day = 0; day < config.days(); day++) {
        int calls = Rand.poisson(r, config.hookCallsPerDay());
        long dayStart = config.startMillis() + day * DAY;
        for (int k = 0; k < calls; k++) {
          long ts = dayStart + (9 * 3600 + r.nextInt(12 * 3600)) * 1000L;
          boolean resident = Rand.chance(r, 0.7);
          int callee = r.nextInt(pop.size);
          if (resident && involves(callee)) {
            continue;
          }
          String to =
              resident
                  ? pop.phone(callee)
                  : ids.phone(Synth.STRANGER_BASE + 500_000L + r.nextInt(2_000_000));
          double u = r.nextDouble();
          int dur =
              u < 0.55
                  ? 0
                  : u < 0.85
                      ? 2 + r.nextInt(20)
                      : u < 0.97 ? 20 + r.nextInt(200) : 300 + r.nextInt(900);
          if (rentedHooks.contains(h)) {
            // a familiar-looking number: most calls answered and kept a minute or two, some called
            // back
            dur =
                Rand.chance(adv, rentedAnswered)
                    ? (int) Math.min(1200, Rand.logNormal(adv, 80, 0.9))
                    : 0;
          }
          events.add(
              new CallEvent(
                  id.next('c'),
                  ts,
                  Synth.carrier(hook),
                  hook,
                  to,
                  dur,
                  Regions.CODES[gangRegion],
                  resident ? pop.regionCode(callee) : null,
                  hookImeis.get(h),
                  cell,
                  null));
          if (rentedHooks.contains(h)
              && resident
              && dur > 0
              && Rand.chance(adv, rentedCalledBack)) {
            long back = ts + (10 + adv.nextInt(230)) * MIN;
            events.add(
                new CallEvent(
                    id.next('c'),
                    back,
                    Synth.carrier(to),
                    to,
                    hook,
                    20 + adv.nextInt(280),
                    pop.regionCode(callee),
                    Regions.CODES[gangRegion],
                    pop.imei(callee),
                    pop.homeCell(callee),
                    null));
          }
        }
        if (calls > 0) {
          labels.add(EntityKind.PHONE, hook, Role.FRAUD_NUMBER, hookTypes.get(h));
        }
      }
    }
  }

  private void buildMules(SplittableRandom r) {
    int maxTiers = config.muleTiersMax();
    double[] share = {0.4, 0.3, 0.2, 0.1};
    double sum = 0;
    for (int t = 0; t < maxTiers; t++) {
      sum += share[t];
    }
    int total = config.muleAccounts();
    int[] size = new int[maxTiers];
    int used = 0;
    for (int t = 0; t < maxTiers; t++) {
      size[t] = Math.max(1, (int) Math.floor(total * share[t] / sum));
      used += size[t];
    }
    size[0] += Math.max(0, total - used);
    int recruited = (int) Math.round(total * config.recruitedMuleShare());
    for (int t = 0; t < maxTiers; t++) {
      List<Mule> tier = new ArrayList<>();
      for (int k = 0; k < size[t]; k++) {
        if (t == 0 && config.has(Tactic.SLOW_MULES) && Rand.chance(adv, slowShare)) {
          Mule m = recruit(t, adv);
          m.slow = true;
          tier.add(m);
          tactic(Tactic.SLOW_MULES, EntityKind.ACCOUNT, m.account);
          continue;
        }
        if (recruited > 0 && t < 2) {
          recruited--;
          tier.add(recruit(t, r));
        } else {
          tier.add(dealerAccount(t, r));
        }
      }
      tiers.add(tier);
    }
  }

  /**
   * OTC desks (承兑商) that buy the last tier's money for USDT: ordinary old bank cards of people in
   * other regions, paid by ordinary transfer, so no channel gives them away.
   */
  private void buildDesks() {
    if (!config.has(Tactic.CASH_OUT_DESKS)) {
      return;
    }
    int n = 2 + adv.nextInt(3);
    for (int d = 0; d < n; d++) {
      long k = Synth.FRAUD_BASE + 850_000L + d;
      String region = Regions.CODES[adv.nextInt(Regions.CODES.length)];
      String account = ids.card(k);
      long opened =
          config.startMillis() - (365 + adv.nextInt(5 * 365)) * DAY - adv.nextInt(8 * 3600) * 1000L;
      events.add(
          new OpeningEvent(
              id.next('o'),
              opened,
              Synth.institution(account),
              OpeningKind.BANK_ACCOUNT,
              account,
              ids.residentId(Synth.HOLDER_BASE + 600_000L + d, region),
              ids.phone(k),
              region,
              null,
              null,
              "网点柜台"));
      desks.add(account);
    }
  }

  private void buildBlasters() {
    if (!config.has(Tactic.SMS_SPREAD)) {
      return;
    }
    int n = 8 + adv.nextInt(18);
    for (int b = 0; b < n; b++) {
      int i = freeResident(adv, victims);
      if (i < 0) {
        continue;
      }
      reserved.add(i);
      int from = adv.nextInt(config.days());
      FraudType type = pickType(adv);
      blasters.add(
          new Blaster(
              pop.phone(i),
              pop.regionCode(i),
              type,
              from,
              Math.min(config.days(), from + 1 + adv.nextInt(3)),
              5 + adv.nextInt(36)));
      labels.add(EntityKind.PHONE, pop.phone(i), Role.FRAUD_NUMBER, type);
      tactic(Tactic.SMS_SPREAD, EntityKind.PHONE, pop.phone(i));
    }
  }

  /** A resident who rents out their own old card to the gang (两卡 rental). */
  private Mule recruit(int tier, SplittableRandom r) {
    int i = freeResident(r, reserved);
    if (i < 0) {
      return dealerAccount(tier, r);
    }
    reserved.add(i);
    boolean own = Rand.chance(r, 0.5);
    int gang = r.nextInt(dealers.size());
    Mule m =
        new Mule(
            pop.card(i),
            tier,
            pop.name(i),
            pop.phone(i),
            own ? pop.device(i) : gangDevice(gang, r),
            own ? pop.ip(i) : gangIp(gang),
            pop.regionCode(i),
            gang);
    gang(EntityKind.ACCOUNT, m.account, gang);
    if (!own) {
      gang(EntityKind.DEVICE, m.device, gang);
      gang(EntityKind.IP, m.ip, gang);
    }
    return m;
  }

  /** A new account opened by a dealer in a holder's name. */
  private Mule dealerAccount(int tier, SplittableRandom r) {
    long n = accountIndex++;
    int g = (int) (n % dealers.size());
    Dealer d = dealers.get(g);
    int h = (int) ((n / dealers.size()) % d.holders().size());
    String holder = d.holders().get(h);
    String regPhone = d.holderPhones().get(h);
    boolean wallet = Rand.chance(r, 0.25);
    long k = Synth.FRAUD_BASE + n;
    String account = wallet ? (n % 2 == 0 ? ids.alipay(k) : ids.wechat(k)) : ids.card(k);
    long ts = config.startMillis() - (5 + r.nextInt(35)) * DAY - r.nextInt(8 * 3600) * 1000L;
    events.add(
        new OpeningEvent(
            id.next('o'),
            ts,
            Synth.institution(account),
            wallet ? OpeningKind.PAYMENT_ACCOUNT : OpeningKind.BANK_ACCOUNT,
            account,
            holder,
            regPhone,
            Regions.CODES[d.region()],
            d.device(),
            d.ip(),
            d.channel()));
    String name =
        Texts.name(Rand.hash(config.seed(), 0x4A, Synth.HOLDER_BASE + (long) g * 1000 + h));
    Mule m =
        new Mule(
            account,
            tier,
            name,
            regPhone,
            gangDevice(g, r),
            gangIp(g),
            Regions.CODES[d.region()],
            g);
    gang(EntityKind.ACCOUNT, account, g);
    gang(EntityKind.DEVICE, m.device, g);
    gang(EntityKind.IP, m.ip, g);
    return m;
  }

  private String gangDevice(int gang, SplittableRandom r) {
    return ids.device(Synth.FRAUD_BASE * 2 + gang * 2L + r.nextInt(2));
  }

  private String gangIp(int gang) {
    return ids.fixedIp(Synth.FRAUD_BASE * 2 + gang);
  }

  private int freeResident(SplittableRandom r, Set<Integer> alsoExcluded) {
    for (int attempt = 0; attempt < 64; attempt++) {
      int i = r.nextInt(pop.size);
      if (!reserved.contains(i) && !alsoExcluded.contains(i)) {
        return i;
      }
    }
    return -1;
  }

  private FraudType pickType(SplittableRandom r) {
    return mixTypes[Rand.pick(r, mixCumulative)];
  }

  /** Returns the farm cards active on a day, in farm and card order. */
  private List<String[]> activeFarmNumbers(int day, int gang) {
    List<String[]> out = new ArrayList<>();
    for (Farm f : farms) {
      if (gang >= 0 && farmGang(f.index) != gang) {
        continue;
      }
      for (int j = 0; j < f.numbers.length; j++) {
        if (f.active(j, day)) {
          out.add(
              new String[] {
                f.numbers[j], f.imeis[j % f.imeis.length], f.cells[0], Regions.CODES[f.region]
              });
        }
      }
    }
    return out;
  }

  // ---- victims

  private void victim(int v, int day, SplittableRandom r) {
    FraudType type = pickType(r);
    long dayStart = config.startMillis() + day * DAY;
    long t0 = dayStart + (8 * 3600 + r.nextInt(14 * 3600)) * 1000L;
    String phone = pop.phone(v);
    String region = pop.regionCode(v);
    // when gangs keep apart, the victim's gang is its hook's, and its farms and mules are that
    // gang's
    int hookIndex = config.gangsApart() ? hookIndexFor(type, r) : -1;
    int gang = hookIndex < 0 ? -1 : hookGangs.get(hookIndex);
    List<String[]> farmNumbers = activeFarmNumbers(day, gang);
    String url = Texts.url(r);
    boolean sawUrl = false;
    if (!CALL_LED.contains(type)) { // lured first by a message from a farm card
      long ts = Math.max(config.startMillis(), t0 - (10 * MIN + r.nextLong(6 * 3600) * 1000));
      String[] farmCard =
          farmNumbers.isEmpty() ? null : farmNumbers.get(r.nextInt(farmNumbers.size()));
      String sender =
          farmCard != null ? farmCard[0] : gang < 0 ? hookFor(type, r) : hookOf(hookIndex, type);
      String senderRegion = farmCard == null ? null : farmCard[3];
      Blaster blaster =
          config.has(Tactic.SMS_SPREAD) && Rand.chance(adv, 0.6) ? blasterOn(day) : null;
      if (blaster != null) {
        sender = blaster.phone();
        senderRegion = blaster.region();
      }
      events.add(
          new SmsEvent(
              id.next('s'),
              ts,
              Synth.carrier(sender),
              sender,
              phone,
              Texts.fraudSms(type, r, url),
              senderRegion));
      if (Rand.chance(r, 0.6)) {
        sawUrl = true;
        events.add(
            new DeviceEvent(
                id.next('d'),
                ts + (1 + r.nextInt(20)) * MIN,
                "app",
                phone,
                DeviceSignal.URL_VISIT,
                url));
      }
    } else if (!farmNumbers.isEmpty()
        && Rand.chance(r, 0.5)) { // a robocall ("press 1") before the agent calls
      String[] f = farmNumbers.get(r.nextInt(farmNumbers.size()));
      long ts = Math.max(config.startMillis(), t0 - (2 + r.nextInt(28)) * MIN);
      events.add(
          new CallEvent(
              id.next('c'),
              ts,
              Synth.carrier(f[0]),
              f[0],
              phone,
              20 + r.nextInt(40),
              f[3],
              region,
              f[1],
              f[2],
              null));
    }
    // the hook: a long call from a dedicated fraud number
    if (hookIndex < 0) {
      hookIndex = hookIndexFor(type, r);
    }
    String hook = hooks.get(hookIndex);
    int duration =
        switch (type) {
          case POLICE -> 1800 + r.nextInt(3600);
          case CUSTOMER_SERVICE -> 1200 + r.nextInt(2400);
          default -> 600 + r.nextInt(1800);
        };
    String displayed = null;
    if (type == FraudType.POLICE && Rand.chance(r, 0.3)) {
      displayed = "+8621" + (6_000_0000 + r.nextInt(3_000_0000));
    } else if (type == FraudType.CUSTOMER_SERVICE && Rand.chance(r, 0.3)) {
      displayed = "400" + (8_000_000 + r.nextInt(1_000_000));
    }
    int gangRegion =
        dealers.get(hookGangs.get(hookIndex)).region(); // the call centre sits with its gang
    events.add(
        new CallEvent(
            id.next('c'),
            t0,
            Synth.carrier(hook),
            hook,
            phone,
            duration,
            Regions.CODES[gangRegion],
            region,
            hookImeis.get(hookIndex),
            Synth.cell(gangRegion, 7 + hookIndex / 3),
            displayed));
    labels.add(EntityKind.PHONE, hook, Role.FRAUD_NUMBER, type);
    boolean courted =
        config.has(Tactic.COURTSHIP) && (type == FraudType.INVESTMENT || type == FraudType.ROMANCE);
    if (courted) {
      court(phone, region, hook, Regions.CODES[gangRegion], t0);
      tactic(Tactic.COURTSHIP, EntityKind.PHONE, phone);
    }
    // what the victim is talked into doing on the handset
    long signalTs = t0 + (3 + r.nextInt(5)) * MIN;
    switch (type) {
      case CUSTOMER_SERVICE ->
          events.add(
              new DeviceEvent(
                  id.next('d'),
                  signalTs,
                  "app",
                  phone,
                  DeviceSignal.SCREEN_SHARE,
                  Rand.oneOf(r, MEETING_APPS)));
      case POLICE ->
          events.add(
              new DeviceEvent(
                  id.next('d'),
                  signalTs,
                  "app",
                  phone,
                  Rand.chance(r, 0.5) ? DeviceSignal.REMOTE_CONTROL : DeviceSignal.APP_INSTALL,
                  Rand.chance(r, 0.5) ? Rand.oneOf(r, REMOTE_APPS) : "com.anquan.jingwu"));
      case INVESTMENT, BRUSHING, LOAN, GAME_TRADE, ROMANCE -> {
        if (!sawUrl || Rand.chance(r, 0.5)) {
          events.add(
              new DeviceEvent(
                  id.next('d'),
                  signalTs,
                  "app",
                  phone,
                  DeviceSignal.APP_INSTALL,
                  Rand.oneOf(r, FAKE_APPS)));
        }
      }
      default -> {}
    }
    // the transfers
    boolean during = CALL_LED.contains(type);
    long ts =
        during
            ? t0 + (8 + r.nextInt(Math.max(1, Math.min(40, duration / 60 - 9)))) * MIN
            : t0 + duration * 1000L + (5 + r.nextInt(55)) * MIN;
    int count = transferCount(type, r);
    double base = baseAmount(type, r);
    List<String> transferIds = new ArrayList<>();
    Set<String> firstTier = new java.util.LinkedHashSet<>();
    long loss = 0;
    int chainTiers =
        config.muleTiersMin() + r.nextInt(config.muleTiersMax() - config.muleTiersMin() + 1);
    if (config.has(Tactic.FOUR_TIERS)) {
      chainTiers = 4;
    }
    if (type == FraudType.BRUSHING && config.has(Tactic.REBATES)) {
      rebates(v, ts, gang, r);
    }
    for (int k = 0; k < count; k++) {
      if (k > 0 && courted && ts >= config.endMillis()) {
        break; // the later payments fall after the run
      }
      double yuan =
          type == FraudType.BRUSHING || type == FraudType.LOAN
              ? base * Math.pow(2.1, k)
              : base * (0.7 + 0.6 * r.nextDouble());
      long fen = Math.min(500_000_00L, roundAmount(yuan));
      boolean wallet = fen <= 50_000_00L && pop.hasWallet(v) && Rand.chance(r, 0.3);
      String from = wallet ? pop.wallet(v) : pop.card(v);
      Mule mule = pickMule(0, gang, r);
      String tid = id.next('t');
      events.add(
          new TransferEvent(
              tid,
              ts,
              Synth.institution(from),
              from,
              mule.account,
              fen,
              "CNY",
              wallet ? Channel.THIRD_PARTY : Channel.MOBILE,
              phone,
              mule.name,
              pop.device(v),
              pop.ip(v),
              region));
      if (!wallet && Rand.chance(r, 0.8)) {
        events.add(
            new SmsEvent(
                id.next('s'),
                ts + 5000,
                "trunk",
                Synth.SERVICE_LINES[pop.bank(v)],
                phone,
                Texts.bankNotice(pop.bank(v), from, ts, fen, "转账", r),
                null));
      }
      labels.add(EntityKind.ACCOUNT, from, Role.VICTIM, type);
      transferIds.add(tid);
      firstTier.add(mule.account);
      loss += fen;
      launder(mule, fen, ts, 1, chainTiers, type, r);
      ts +=
          (type == FraudType.BRUSHING || type == FraudType.INVESTMENT || type == FraudType.ROMANCE
                  ? 20 + r.nextInt(160)
                  : 3 + r.nextInt(22))
              * MIN;
      if (courted) {
        ts += (18 + adv.nextInt(54)) * HOUR; // "invest a little more" a day or three later
      }
    }
    labels.add(EntityKind.PHONE, phone, Role.VICTIM, type);
    if (Rand.chance(r, config.reportRate())) {
      List<ReportTarget> targets = new ArrayList<>();
      targets.add(new ReportTarget(TargetKind.PHONE, hook));
      for (String a : firstTier) {
        targets.add(new ReportTarget(TargetKind.ACCOUNT, a));
      }
      if (sawUrl) {
        targets.add(new ReportTarget(TargetKind.URL, url));
      }
      long reportTs = ts + (2 * HOUR + r.nextLong(38 * 3600) * 1000);
      events.add(
          new ReportEvent(
              id.next('r'),
              reportTs,
              "fzzx-" + region.substring(0, 4) + "00",
              targets,
              phone,
              region,
              type,
              Texts.report(type, loss, r),
              loss,
              transferIds));
    }
  }

  private @Nullable Blaster blasterOn(int day) {
    List<Blaster> on = blasters.stream().filter(b -> b.active(day)).toList();
    return on.isEmpty() ? null : on.get(adv.nextInt(on.size()));
  }

  /**
   * Days of friendly messages between the handler's number and the person being courted, before the
   * call that asks for money: a few each way a day, from morning to late evening.
   */
  private void court(
      String victim, String victimRegion, String handler, String handlerRegion, long callTs) {
    long from = Math.max(config.startMillis(), callTs - (3 + adv.nextInt(6)) * DAY);
    for (long day = from - Math.floorMod(from - config.startMillis(), DAY);
        day < callTs;
        day += DAY) {
      int out = 2 + adv.nextInt(5);
      for (int k = 0; k < out; k++) {
        long ts = day + (8 * 3600 + adv.nextInt(15 * 3600)) * 1000L;
        if (ts < from || ts >= callTs) {
          continue;
        }
        events.add(
            new SmsEvent(
                id.next('s'),
                ts,
                Synth.carrier(handler),
                handler,
                victim,
                Texts.courting(adv),
                handlerRegion));
        if (Rand.chance(adv, 0.7)) {
          events.add(
              new SmsEvent(
                  id.next('s'),
                  ts + (1 + adv.nextInt(40)) * MIN,
                  Synth.carrier(victim),
                  victim,
                  handler,
                  Texts.courted(adv),
                  victimRegion));
        }
      }
    }
  }

  private int hookIndexFor(FraudType type, SplittableRandom r) {
    List<Integer> matching = new ArrayList<>();
    for (int h = 0; h < hooks.size(); h++) {
      if (hookTypes.get(h) == type) {
        matching.add(h);
      }
    }
    return matching.isEmpty() ? r.nextInt(hooks.size()) : matching.get(r.nextInt(matching.size()));
  }

  private String hookFor(FraudType type, SplittableRandom r) {
    return hookOf(hookIndexFor(type, r), type);
  }

  private String hookOf(int hookIndex, FraudType type) {
    String hook = hooks.get(hookIndex);
    labels.add(EntityKind.PHONE, hook, Role.FRAUD_NUMBER, type);
    return hook;
  }

  private static int transferCount(FraudType type, SplittableRandom r) {
    return switch (type) {
      case BRUSHING -> 3 + r.nextInt(3);
      case INVESTMENT, ROMANCE -> 2 + r.nextInt(3);
      case LOAN -> 2 + r.nextInt(2);
      case CUSTOMER_SERVICE, POLICE, CREDIT, GAME_TRADE -> 1 + r.nextInt(3);
      default -> 1 + r.nextInt(2);
    };
  }

  private static double baseAmount(FraudType type, SplittableRandom r) {
    return switch (type) {
      case BRUSHING -> Rand.logNormal(r, 800, 0.5);
      case INVESTMENT -> Rand.logNormal(r, 30_000, 0.8);
      case LOAN -> Rand.logNormal(r, 3_000, 0.6);
      case CUSTOMER_SERVICE -> Rand.logNormal(r, 15_000, 0.7);
      case POLICE -> Rand.logNormal(r, 60_000, 0.8);
      case CREDIT -> Rand.logNormal(r, 12_000, 0.7);
      case SHOPPING -> Rand.logNormal(r, 1_200, 0.7);
      case BOSS_ACQUAINTANCE -> Rand.logNormal(r, 40_000, 0.6);
      case GAME_TRADE -> Rand.logNormal(r, 1_500, 0.7);
      case ROMANCE -> Rand.logNormal(r, 20_000, 0.8);
      case OTHER -> Rand.logNormal(r, 5_000, 0.8);
    };
  }

  /** Victims send round sums: whole hundreds from 1,000 yuan up, whole yuan below. */
  private static long roundAmount(double yuan) {
    long y = Math.max(1, Math.round(yuan));
    return (y >= 1000 ? Math.round(y / 100.0) * 100 : y) * 100;
  }

  /**
   * Two random choices of the tier, fewer uses wins; of the gang's mules in the tier when {@code
   * gang} is one (≥ 0) and it has any there.
   */
  private Mule pickMule(int tier, int gang, SplittableRandom r) {
    List<Mule> pool = tiers.get(tier);
    if (gang >= 0) {
      List<Mule> own = gangMules(tier, gang);
      pool = own.isEmpty() ? pool : own;
    }
    Mule a = pool.get(r.nextInt(pool.size()));
    Mule b = pool.get(r.nextInt(pool.size()));
    Mule m = b.uses < a.uses ? b : a;
    m.uses++;
    return m;
  }

  private List<Mule> gangMules(int tier, int gang) {
    return tiers.get(tier).stream().filter(m -> m.gang == gang).toList();
  }

  /**
   * Moves {@code fen} received by {@code mule} at {@code ts} on down the chain, or cashes it out.
   */
  private void launder(
      Mule mule, long fen, long ts, int tier, int chainTiers, FraudType type, SplittableRandom r) {
    labels.add(EntityKind.ACCOUNT, mule.account, Role.MULE, type);
    long at = ts + (2 + r.nextInt(14)) * MIN + r.nextInt(60) * 1000L; // 快进快出: out within minutes
    long fee = (long) (fen * 0.01 * r.nextDouble());
    long forward = fen - fee;
    if (mule.slow) {
      at = ts + (6 * 60 + adv.nextInt(42 * 60)) * MIN; // held 6–48 hours: no "fast out"
      if (at >= config.endMillis()) {
        return; // still held when the run ends
      }
    }
    if (tier >= chainTiers
        || tier >= tiers.size()
        || config.gangsApart() && gangMules(tier, mule.gang).isEmpty()) {
      cashOut(mule, forward, at, r); // the last tier, or the last its gang has
      return;
    }
    int parts = forward >= 5_000_00L ? 1 + r.nextInt(3) : 1;
    if (mule.slow) {
      parts = (int) Math.min(2 + adv.nextInt(4), Math.max(1, forward / 100_00L));
    }
    long left = forward;
    for (int p = 0; p < parts; p++) {
      long part = p == parts - 1 ? left : (long) (forward / parts * (0.7 + 0.6 * r.nextDouble()));
      part = Math.min(part, left - (parts - 1 - p) * 100L);
      if (part < 100) {
        continue;
      }
      left -= part;
      Mule next = pickMule(tier, config.gangsApart() ? mule.gang : -1, r);
      events.add(
          new TransferEvent(
              id.next('t'),
              at,
              Synth.institution(mule.account),
              mule.account,
              next.account,
              part,
              "CNY",
              Rand.chance(r, 0.7) ? Channel.MOBILE : Channel.ONLINE,
              mule.phone,
              next.name,
              mule.device,
              mule.ip,
              mule.region));
      launder(next, part, at, tier + 1, chainTiers, type, r);
      at += mule.slow ? (10 + adv.nextInt(170)) * MIN : (20 + r.nextInt(70)) * 1000L;
    }
  }

  private void cashOut(Mule mule, long fen, long ts, SplittableRandom r) {
    if (!desks.isEmpty() && Rand.chance(adv, deskShare)) {
      sellToDesk(mule, fen, ts);
      return;
    }
    boolean atm = fen <= 60_000_00L && !mule.account.contains(":") && Rand.chance(r, 0.6);
    if (atm) {
      long left = fen;
      long at = ts + (3 + r.nextInt(10)) * MIN;
      String terminalRegion = mule.region;
      if (config.has(Tactic.CASH_OUT_DESKS) && Rand.chance(adv, remoteAtmShare)) {
        // withdrawn by a runner in another city, where nobody knows the card
        terminalRegion = Regions.CODES[adv.nextInt(Regions.CODES.length)];
        tactic(Tactic.CASH_OUT_DESKS, EntityKind.ACCOUNT, mule.account);
      }
      while (left > 0) {
        long chunk = Math.min(left, 20_000_00L);
        events.add(
            new TransferEvent(
                id.next('t'),
                at,
                Synth.institution(mule.account),
                mule.account,
                "cash:" + Synth.atm(terminalRegion, r.nextInt(900)),
                chunk,
                "CNY",
                Channel.ATM,
                mule.phone,
                null,
                null,
                null,
                terminalRegion));
        left -= chunk;
        at += (2 + r.nextInt(7)) * MIN;
      }
      return;
    }
    int parts = fen > 100_000_00L ? 2 : 1;
    long at = ts;
    long left = fen;
    for (int p = 0; p < parts; p++) {
      long part = p == parts - 1 ? left : fen / 2;
      left -= part;
      String wallet = otcWallet(r);
      // the OTC trader's wallet takes laundered money from many chains: a counterparty to freeze,
      // like a desk
      labels.add(EntityKind.ACCOUNT, wallet, Role.MULE, null);
      events.add(
          new TransferEvent(
              id.next('t'),
              at,
              Synth.institution(mule.account),
              mule.account,
              wallet,
              part,
              "CNY",
              Channel.CRYPTO_OTC,
              mule.phone,
              "USDT承兑商",
              mule.device,
              mule.ip,
              mule.region));
      at += (1 + r.nextInt(5)) * MIN;
    }
  }

  /**
   * The last tier pays an OTC desk's card by ordinary transfer, in one or two pieces, for USDT sent
   * off the books.
   */
  private void sellToDesk(Mule mule, long fen, long ts) {
    String desk = desks.get(adv.nextInt(desks.size()));
    labels.add(EntityKind.ACCOUNT, desk, Role.MULE, null);
    tactic(Tactic.CASH_OUT_DESKS, EntityKind.ACCOUNT, desk);
    int parts = fen > 50_000_00L ? 2 : 1;
    long at = ts + (5 + adv.nextInt(55)) * MIN;
    long left = fen;
    for (int p = 0; p < parts; p++) {
      long part = p == parts - 1 ? left : fen / 2;
      left -= part;
      events.add(
          new TransferEvent(
              id.next('t'),
              at,
              Synth.institution(mule.account),
              mule.account,
              desk,
              part,
              "CNY",
              Rand.chance(adv, 0.6) ? Channel.MOBILE : Channel.ONLINE,
              mule.phone,
              null,
              mule.device,
              mule.ip,
              mule.region));
      at += (2 + adv.nextInt(20)) * MIN;
    }
  }

  /**
   * The brushing gang pays a victim one or two small "commissions" for the first easy tasks, from
   * one of its accounts, before asking for the payments that are never returned.
   */
  private void rebates(int v, long firstPaymentTs, int gang, SplittableRandom r) {
    int n = 1 + adv.nextInt(2);
    long at = firstPaymentTs - (15 + adv.nextInt(60)) * MIN;
    for (int k = 0; k < n; k++) {
      Mule payer = pickMule(0, gang, r);
      labels.add(EntityKind.ACCOUNT, payer.account, Role.MULE, FraudType.BRUSHING);
      long fen = (8 + adv.nextInt(110)) * 100L;
      events.add(
          new TransferEvent(
              id.next('t'),
              at,
              Synth.institution(payer.account),
              payer.account,
              pop.card(v),
              fen,
              "CNY",
              Channel.MOBILE,
              payer.phone,
              pop.name(v),
              payer.device,
              payer.ip,
              payer.region));
      at += (3 + adv.nextInt(10)) * MIN;
    }
    tactic(Tactic.REBATES, EntityKind.PHONE, pop.phone(v));
  }

  private String otcWallet(SplittableRandom r) {
    SplittableRandom w = new SplittableRandom(Rand.hash(config.seed(), 0x07C, r.nextInt(4)));
    StringBuilder sb = new StringBuilder("usdt:T");
    for (int i = 0; i < 33; i++) {
      sb.append(BASE58[w.nextInt(BASE58.length)]);
    }
    return sb.toString();
  }

  /** Residents who received a farm card's message and reported the sender (12381-style). */
  private void smsReports(int day, SplittableRandom r) {
    long dayStart = config.startMillis() + day * DAY;
    for (Farm f : farms) {
      for (int j = 0; j < f.numbers.length; j++) {
        if (!f.active(j, day) || !Rand.chance(r, 0.15)) {
          continue;
        }
        int person = r.nextInt(pop.size);
        String phone = pop.phone(person);
        FraudType type = f.types[r.nextInt(f.types.length)];
        long ts = dayStart + (9 * 3600 + r.nextInt(12 * 3600)) * 1000L;
        String text = Texts.fraudSms(type, r);
        events.add(
            new SmsEvent(
                id.next('s'),
                ts,
                Synth.carrier(f.numbers[j]),
                f.numbers[j],
                phone,
                text,
                Regions.CODES[f.region]));
        events.add(
            new ReportEvent(
                id.next('r'),
                ts + (5 + r.nextInt(120)) * MIN,
                "12381",
                List.of(new ReportTarget(TargetKind.PHONE, f.numbers[j])),
                phone,
                pop.regionCode(person),
                type,
                "收到可疑短信：" + text,
                0,
                List.of()));
      }
    }
  }
}
