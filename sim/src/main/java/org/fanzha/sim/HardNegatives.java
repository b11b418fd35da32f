package org.fanzha.sim;

import static org.fanzha.core.time.Millis.DAY;
import static org.fanzha.core.time.Millis.HOUR;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TransferEvent;
import org.jspecify.annotations.Nullable;

/**
 * Honest people who look like the fraud side: accounts that pass money straight on (payroll
 * agencies and crew leaders, shops settling the day's takings, parents forwarding money to a child,
 * second-hand traders paying suppliers), people who share their screen, hand remote control to a
 * relative, install apps or follow marketing links, and movers who open several accounts in a week.
 * Every one of them is labelled {@code normal}.
 */
final class HardNegatives {
  /*
   * Actors are fixed up front (the truth must name them before any event is made), drawn from
   * their own stream and never among residents the fraud plan uses (rented cards, victims, heavy
   * callers), so every entity keeps exactly one label. Their daily events are made lazily per day
   * window, from per-day streams, like ordinary life. Two choices keep them hard rather than
   * merely noisy:
   *
   * 1. The money really passes through: what goes out is what came in minus a small fee, within
   *    the minutes a mule rule looks at (a shop settles what its collection accounts received that
   *    day, summed from the day's own payment events; a parent forwards the relative's money).
   * 2. Handset signals follow the same steps as a fraud episode where honest life does so too: a
   *    long call first (a colleague, a grown-up child), then a screen share or remote control with
   *    the same apps scammers ask for, sometimes then a payment.
   */

  private static final long MIN = 60_000L;

  /**
   * Index bases of benign accounts and phones outside the residents (agencies, clients, suppliers,
   * movers).
   */
  private static final long AGENCY_BASE = 50_000_000L;

  private static final long CLIENT_BASE = 50_100_000L;
  private static final long SUPPLIER_BASE = 50_200_000L;
  private static final long MOVER_BASE = 50_300_000L;

  static final String[] MEETING_APPS = {
    "com.meeting.cloudroom", "com.zoomlike.video", "com.shareview.screen"
  };
  static final String[] REMOTE_APPS = {
    "com.remote.helperdesk", "com.rc.anydesk.lite", "com.sunremote.client"
  };
  private static final String[] ORDINARY_APPS = {
    "com.tencent.mm", "com.eg.android.AlipayGphone", "com.jingdong.app.mall", "com.sankuai.meituan",
    "com.ss.android.ugc.aweme", "com.xunmeng.pinduoduo", "cn.gov.tax.its", "com.icbc.mobilebank",
    "com.chinamworld.main", "cn.gov.fzapp", "com.taobao.idlefish", "com.autonavi.minimap",
  };
  private static final String[] BRANCH_CHANNELS = {"营业厅", "网点柜台", "app"};

  /** A payroll or labour agency: its collection card and the client companies and staff it pays. */
  private record Agency(
      String account,
      List<String> clients,
      List<Integer> staff,
      int crewLeader,
      List<Integer> crew) {}

  /** A family where the parent forwards money from a relative to a child studying elsewhere. */
  private record Family(int parent, int child, int relative, int[] days) {}

  /** A second-hand trader / 代购 and their suppliers' accounts. */
  private record Trader(int person, String account, List<String> suppliers) {}

  /**
   * A resident who starts a job in another city on {@code day} and opens new cards and accounts.
   */
  private record Mover(int person, int index, int day, int newRegion) {}

  private final SimConfig config;
  private final Population pop;
  private final Synth ids;
  private final FraudPlan plan;
  private final List<Agency> agencies = new ArrayList<>();
  private final List<Integer> settlingMerchants = new ArrayList<>();
  private final List<Integer> merchantOwners = new ArrayList<>();
  private final List<Family> families = new ArrayList<>();
  private final List<Trader> traders = new ArrayList<>();
  private final List<Mover> movers = new ArrayList<>();
  private final Set<Integer> taken = new HashSet<>();

  /**
   * Per day: residents who share a screen (meeting), hand over remote control, install an app,
   * follow a link.
   */
  private final int[][] meetings;

  private final int[][] remoteHelp;
  private final int[][] installers;
  private final int[][] visitors;
  private final Map<String, Set<String>> byActor = new TreeMap<>();

  HardNegatives(SimConfig config, Population pop, Synth ids, FraudPlan plan) {
    this.config = config;
    this.pop = pop;
    this.ids = ids;
    this.plan = plan;
    SplittableRandom r = Rand.stream(config.seed(), 0x66, 0);
    for (int a = 0; a < config.payrollAgencies(); a++) {
      agency(a, r);
    }
    for (int m = 0; m < pop.merchants; m++) {
      if (Rand.unit(Rand.hash(config.seed(), 0x61, m)) < config.settlingMerchantShare()) {
        int owner = free(r);
        if (owner >= 0) {
          settlingMerchants.add(m);
          merchantOwners.add(owner);
          label("merchant", EntityKind.ACCOUNT, pop.merchantCard(m));
          label("merchant", EntityKind.ACCOUNT, pop.merchantWallet(m));
        }
      }
    }
    for (int f = 0; f < config.passOnFamilies(); f++) {
      int parent = free(r);
      if (parent < 0) {
        continue;
      }
      int child = pop.householdMember(parent, r);
      int relative = pop.friend(parent, r.nextInt(Population.FRIENDS));
      int[] days = new int[1 + r.nextInt(3)];
      for (int k = 0; k < days.length; k++) {
        days[k] = r.nextInt(config.days());
      }
      families.add(new Family(parent, child, relative, days));
      label("family", EntityKind.ACCOUNT, pop.card(parent));
    }
    for (int t = 0; t < config.traders(); t++) {
      int person = free(r);
      if (person < 0) {
        continue;
      }
      String account = pop.hasWallet(person) ? pop.wallet(person) : pop.card(person);
      List<String> suppliers = new ArrayList<>();
      for (int s = 0; s < 3; s++) {
        suppliers.add(ids.card(SUPPLIER_BASE + t * 8L + s));
      }
      traders.add(new Trader(person, account, suppliers));
      label("trader", EntityKind.ACCOUNT, account);
    }
    int moving = Rand.poisson(r, config.moversPerDay() * config.days());
    for (int k = 0; k < moving; k++) {
      int person = free(r);
      if (person < 0) {
        continue;
      }
      int region = Regions.home(r.nextLong());
      movers.add(new Mover(person, k, r.nextInt(config.days()), region));
      label("mover", EntityKind.HOLDER, pop.holder(person));
      label("mover", EntityKind.PHONE, ids.phone(MOVER_BASE + k));
    }
    meetings = new int[config.days()][];
    remoteHelp = new int[config.days()][];
    installers = new int[config.days()][];
    visitors = new int[config.days()][];
    double thousands = pop.size / 1000.0;
    for (int day = 0; day < config.days(); day++) {
      boolean weekend = weekend(config.startMillis() + day * DAY);
      int shares = Rand.poisson(r, config.benignScreenSharesPerThousandDay() * thousands);
      int meetingCount = 0;
      for (int k = 0; k < shares; k++) {
        if (!weekend && Rand.chance(r, 0.65)) {
          meetingCount++;
        }
      }
      meetings[day] = people(r, meetingCount, "screen_share");
      remoteHelp[day] = people(r, shares - meetingCount, "remote_help");
      installers[day] =
          people(
              r, Rand.poisson(r, config.benignInstallsPerThousandDay() * thousands), "app_install");
      visitors[day] =
          people(
              r,
              Rand.poisson(r, config.marketingLinkVisitsPerThousandDay() * thousands),
              "link_visit");
    }
  }

  private int[] people(SplittableRandom r, int n, String actor) {
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int i = r.nextInt(pop.size);
      if (!plan.involves(i)) {
        out.add(i);
        label(actor, EntityKind.PHONE, pop.phone(i));
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  static boolean weekend(long dayStart) {
    return java.time.Instant.ofEpochMilli(dayStart)
            .atOffset(java.time.ZoneOffset.ofHours(8))
            .getDayOfWeek()
            .getValue()
        >= 6;
  }

  private void agency(int a, SplittableRandom r) {
    String account = ids.card(AGENCY_BASE + a);
    List<String> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      clients.add(ids.card(CLIENT_BASE + a * 8L + c));
    }
    Set<Integer> staff = new LinkedHashSet<>();
    int seed = r.nextInt(pop.size);
    int want = 8 + r.nextInt(23);
    for (int k = 0; k < want * 3 && staff.size() < want; k++) { // people of a few work places
      int j = k % 3 == 0 ? r.nextInt(pop.size) : pop.colleague(seed, r);
      if (!plan.involves(j)) {
        staff.add(j);
      }
      if (k % 10 == 9) {
        seed = r.nextInt(pop.size);
      }
    }
    int leader = free(r);
    List<Integer> crew = new ArrayList<>();
    for (int k = 0; k < 5 + r.nextInt(8) && leader >= 0; k++) {
      int j = r.nextInt(pop.size);
      if (!plan.involves(j) && j != leader) {
        crew.add(j);
      }
    }
    agencies.add(new Agency(account, clients, new ArrayList<>(staff), leader, crew));
    label("payroll", EntityKind.ACCOUNT, account);
    if (leader >= 0) {
      label("crew_leader", EntityKind.ACCOUNT, pop.card(leader));
    }
  }

  /** Returns whether a resident is one of these actors (chosen up front). */
  boolean uses(int resident) {
    return taken.contains(resident);
  }

  private int free(SplittableRandom r) {
    for (int attempt = 0; attempt < 64; attempt++) {
      int i = r.nextInt(pop.size);
      if (!plan.involves(i) && taken.add(i)) {
        return i;
      }
    }
    return -1;
  }

  private void label(String actor, EntityKind kind, String entity) {
    if (plan.labels().add(kind, entity, Role.NORMAL, null)) {
      byActor.computeIfAbsent(actor, k -> new TreeSet<>()).add(kind.wireName() + ":" + entity);
    }
  }

  /**
   * Returns the hard negatives by kind of actor ({@code payroll}, {@code crew_leader}, {@code
   * merchant}, {@code family}, {@code trader}, {@code mover}, {@code screen_share}, {@code
   * remote_help}, {@code app_install}, {@code link_visit}), each a sorted set of {@code
   * kind:entity}.
   */
  Map<String, Set<String>> byActor() {
    return byActor;
  }

  /**
   * Adds one simulated day of hard-negative events; {@code out} already holds the day's ordinary
   * payments.
   */
  void day(int day, List<Event> out) {
    long dayStart = config.startMillis() + day * DAY;
    boolean weekend = weekend(dayStart);
    SplittableRandom r = Rand.stream(config.seed(), 0x67, day);
    IdSeq id = new IdSeq("b", day);
    settleTakings(dayStart, r, id, out);
    if (!weekend) {
      for (Agency a : agencies) {
        if (Rand.chance(r, 0.4)) {
          payroll(a, dayStart, r, id, out);
        }
      }
    }
    for (Family f : families) {
      for (int d : f.days()) {
        if (d == day) {
          passOn(f, dayStart, r, id, out);
        }
      }
    }
    for (Trader t : traders) {
      trade(t, dayStart, r, id, out);
    }
    for (Mover m : movers) {
      move(m, day, dayStart, r, id, out);
    }
    for (int i : meetings[day]) {
      helpSession(i, true, dayStart, r, id, out);
    }
    for (int i : remoteHelp[day]) {
      helpSession(i, false, dayStart, r, id, out);
    }
    for (int i : installers[day]) {
      out.add(
          new DeviceEvent(
              id.next('d'),
              dayStart + NormalLife.instant(r),
              "app",
              pop.phone(i),
              DeviceSignal.APP_INSTALL,
              Rand.oneOf(r, ORDINARY_APPS)));
    }
    for (int i : visitors[day]) {
      long ts = dayStart + (9 + r.nextInt(12)) * HOUR + r.nextInt(3600) * 1000L;
      String link = Texts.shopLink(r);
      out.add(
          new SmsEvent(
              id.next('s'),
              ts,
              "trunk",
              Rand.oneOf(r, NormalLife.MARKETING_SENDERS),
              pop.phone(i),
              Texts.marketingWithLink(r, link),
              null));
      out.add(
          new DeviceEvent(
              id.next('d'),
              ts + (1 + r.nextInt(30)) * MIN,
              "app",
              pop.phone(i),
              DeviceSignal.URL_VISIT,
              link));
    }
  }

  /**
   * A client pays the agency; within the hour the money goes out as salaries, or whole to a crew
   * leader.
   */
  private void payroll(Agency a, long dayStart, SplittableRandom r, IdSeq id, List<Event> out) {
    long ts = dayStart + (9 * HOUR) + r.nextInt(3 * 3600) * 1000L;
    String client = Rand.oneOf(r, a.clients().toArray(new String[0]));
    boolean viaCrew = a.crewLeader() >= 0 && !a.crew().isEmpty() && Rand.chance(r, 0.4);
    List<Integer> paid = viaCrew ? a.crew() : a.staff();
    long[] wages = new long[paid.size()];
    long total = 0;
    for (int k = 0; k < wages.length; k++) {
      wages[k] = Rand.yuan(Rand.logNormal(r, 5200, 0.3));
      total += wages[k];
    }
    long fee = Math.round(total * 0.02 / 100) * 100;
    out.add(
        new TransferEvent(
            id.next('t'),
            ts,
            Synth.institution(client),
            client,
            a.account(),
            total + fee,
            "CNY",
            Channel.ONLINE,
            null,
            "劳务派遣服务有限公司",
            null,
            null,
            null));
    long at = ts + (10 + r.nextInt(40)) * MIN;
    if (viaCrew) {
      int leader = a.crewLeader();
      String card = pop.card(leader);
      out.add(
          new TransferEvent(
              id.next('t'),
              at,
              Synth.institution(a.account()),
              a.account(),
              card,
              total,
              "CNY",
              Channel.ONLINE,
              null,
              pop.name(leader),
              null,
              null,
              null));
      at += (15 + r.nextInt(40)) * MIN;
      payOut(
          card,
          pop.phone(leader),
          pop.device(leader),
          pop.ip(leader),
          pop.regionCode(leader),
          a.crew(),
          wages,
          at,
          Channel.MOBILE,
          r,
          id,
          out);
    } else {
      payOut(a.account(), null, null, null, null, a.staff(), wages, at, Channel.ONLINE, r, id, out);
    }
  }

  private void payOut(
      String from,
      @Nullable String phone,
      @Nullable String device,
      @Nullable String ip,
      @Nullable String region,
      List<Integer> payees,
      long[] wages,
      long at,
      Channel channel,
      SplittableRandom r,
      IdSeq id,
      List<Event> out) {
    for (int k = 0; k < payees.size(); k++) {
      int j = payees.get(k);
      out.add(
          new TransferEvent(
              id.next('t'),
              at,
              Synth.institution(from),
              from,
              pop.card(j),
              wages[k],
              "CNY",
              channel,
              phone,
              pop.name(j),
              device,
              ip,
              region));
      at += (15 + r.nextInt(60)) * 1000L; // a batch: one after another
    }
  }

  /** Shop owners move what the shop's accounts took today to their own card in the evening. */
  private void settleTakings(long dayStart, SplittableRandom r, IdSeq id, List<Event> out) {
    if (settlingMerchants.isEmpty()) {
      return;
    }
    Map<String, Integer> index = new java.util.HashMap<>();
    long[] settleAt = new long[settlingMerchants.size()];
    long[] cardAt = new long[settleAt.length];
    for (int k = 0; k < settlingMerchants.size(); k++) {
      int m = settlingMerchants.get(k);
      index.put(pop.merchantCard(m), k);
      index.put(pop.merchantWallet(m), k);
      settleAt[k] = dayStart + 20 * HOUR + 30 * MIN + r.nextInt(2 * 3600) * 1000L;
      cardAt[k] = settleAt[k] + (1 + r.nextInt(5)) * MIN;
    }
    long[] cardSum = new long[settleAt.length];
    long[] walletSum = new long[settleAt.length];
    for (Event e : out) {
      if (e instanceof TransferEvent t && t.ts() >= dayStart) {
        Integer k = index.get(t.to());
        if (k != null) {
          boolean card = t.to().equals(pop.merchantCard(settlingMerchants.get(k)));
          if (card && t.ts() < cardAt[k]) {
            cardSum[k] += t.amountFen();
          } else if (!card && t.ts() < settleAt[k]) {
            walletSum[k] += t.amountFen();
          }
        }
      }
    }
    for (int k = 0; k < settleAt.length; k++) {
      int m = settlingMerchants.get(k);
      int owner = merchantOwners.get(k);
      String to = pop.card(owner);
      if (walletSum[k] > 0) {
        String from = pop.merchantWallet(m);
        out.add(
            new TransferEvent(
                id.next('t'),
                settleAt[k],
                Synth.institution(from),
                from,
                to,
                walletSum[k],
                "CNY",
                Channel.THIRD_PARTY,
                pop.phone(owner),
                pop.name(owner),
                pop.device(owner),
                pop.ip(owner),
                pop.regionCode(owner)));
      }
      if (cardSum[k] > 0) {
        String from = pop.merchantCard(m);
        out.add(
            new TransferEvent(
                id.next('t'),
                cardAt[k],
                Synth.institution(from),
                from,
                to,
                cardSum[k],
                "CNY",
                Channel.MOBILE,
                pop.phone(owner),
                pop.name(owner),
                pop.device(owner),
                pop.ip(owner),
                pop.regionCode(owner)));
      }
    }
  }

  /** A relative sends money to the parent, who forwards it to the child studying elsewhere. */
  private void passOn(Family f, long dayStart, SplittableRandom r, IdSeq id, List<Event> out) {
    long ts = dayStart + (8 * HOUR) + r.nextInt(13 * 3600) * 1000L;
    long fen =
        Rand.chance(r, 0.3)
            ? 100L * 100 * (50 + r.nextInt(100))
            : Rand.yuan(Rand.logNormal(r, 2000, 0.5));
    String relative = pop.card(f.relative());
    String parent = pop.card(f.parent());
    out.add(
        new TransferEvent(
            id.next('t'),
            ts,
            Synth.institution(relative),
            relative,
            parent,
            fen,
            "CNY",
            Channel.MOBILE,
            pop.phone(f.relative()),
            pop.name(f.parent()),
            pop.device(f.relative()),
            pop.ip(f.relative()),
            pop.regionCode(f.relative())));
    long forward = Rand.chance(r, 0.6) ? fen : Math.max(100, fen / 100 * (80 + r.nextInt(20)));
    out.add(
        new TransferEvent(
            id.next('t'),
            ts + (5 + r.nextInt(85)) * MIN,
            Synth.institution(parent),
            parent,
            pop.card(f.child()),
            forward,
            "CNY",
            Channel.MOBILE,
            pop.phone(f.parent()),
            pop.name(f.child()),
            pop.device(f.parent()),
            pop.ip(f.parent()),
            pop.regionCode(f.parent())));
  }

  /**
   * Buyers pay the trader small sums through the day; after each few orders the trader pays a
   * supplier.
   */
  private void trade(Trader t, long dayStart, SplittableRandom r, IdSeq id, List<Event> out) {
    int orders = 8 + r.nextInt(18);
    long ts = dayStart + (9 * HOUR) + r.nextInt(2 * 3600) * 1000L;
    long batch = 0;
    int inBatch = 0;
    int batchSize = 3 + r.nextInt(6);
    int trader = t.person();
    for (int k = 0; k < orders; k++) {
      int buyer = r.nextInt(pop.size);
      if (buyer == trader) {
        continue;
      }
      String from =
          pop.hasWallet(buyer) && t.account().contains(":") ? pop.wallet(buyer) : pop.card(buyer);
      long fen = Rand.yuan(Rand.logNormal(r, 180, 0.6));
      out.add(
          new TransferEvent(
              id.next('t'),
              ts,
              Synth.institution(from),
              from,
              t.account(),
              fen,
              "CNY",
              from.contains(":") ? Channel.THIRD_PARTY : Channel.MOBILE,
              pop.phone(buyer),
              pop.name(trader),
              pop.device(buyer),
              pop.ip(buyer),
              pop.regionCode(buyer)));
      batch += fen;
      if (++inBatch >= batchSize || k == orders - 1) {
        long pay = batch / 100 * (85 + r.nextInt(12));
        String supplier = t.suppliers().get(r.nextInt(t.suppliers().size()));
        out.add(
            new TransferEvent(
                id.next('t'),
                ts + (5 + r.nextInt(35)) * MIN,
                Synth.institution(t.account()),
                t.account(),
                supplier,
                Math.max(100, pay),
                "CNY",
                t.account().contains(":") ? Channel.THIRD_PARTY : Channel.MOBILE,
                pop.phone(trader),
                "批发档口",
                pop.device(trader),
                pop.ip(trader),
                pop.regionCode(trader)));
        batch = 0;
        inBatch = 0;
        batchSize = 3 + r.nextInt(6);
      }
      ts += (5 + r.nextInt(70)) * MIN;
    }
  }

  /**
   * A new job in another city: a new SIM there on the first day, a salary card and payment accounts
   * over the next days at different branches, then ordinary calls home from the new number.
   */
  private void move(
      Mover m, int day, long dayStart, SplittableRandom r, IdSeq id, List<Event> out) {
    int i = m.person();
    String holder = pop.holder(i);
    String newRegion = Regions.CODES[m.newRegion()];
    String phone = ids.phone(MOVER_BASE + m.index());
    if (day == m.day()) {
      long ts = dayStart + 10 * HOUR + r.nextInt(8 * 3600) * 1000L;
      out.add(
          new OpeningEvent(
              id.next('o'),
              ts,
              Synth.carrier(phone),
              OpeningKind.SIM,
              phone,
              holder,
              null,
              newRegion,
              null,
              null,
              "营业厅"));
      int accounts = 2 + r.nextInt(3);
      for (int k = 0; k < accounts; k++) {
        long at = ts + (1 + r.nextInt(4)) * HOUR + r.nextInt(3 * 24) * HOUR;
        boolean bank = k % 2 == 0;
        String account =
            bank
                ? ids.card(MOVER_BASE + m.index() * 8L + k)
                : (k == 1
                    ? ids.alipay(MOVER_BASE + m.index() * 8L + k)
                    : ids.wechat(MOVER_BASE + m.index() * 8L + k));
        String region = k == accounts - 1 && Rand.chance(r, 0.5) ? pop.regionCode(i) : newRegion;
        String channel = bank ? "网点柜台" + (k + 1) : BRANCH_CHANNELS[2];
        out.add(
            new OpeningEvent(
                id.next('o'),
                at,
                Synth.institution(account),
                bank ? OpeningKind.BANK_ACCOUNT : OpeningKind.PAYMENT_ACCOUNT,
                account,
                holder,
                phone,
                region,
                bank ? null : pop.device(i),
                bank ? null : pop.ip(i),
                channel));
      }
    }
    if (day >= m.day()) { // calls home and to friends from the new number
      int calls = 3 + r.nextInt(8);
      for (int k = 0; k < calls; k++) {
        long ts =
            dayStart
                + (day == m.day()
                    ? 19 * HOUR + r.nextInt(4 * 3600) * 1000L
                    : NormalLife.instant(r));
        int j =
            Rand.chance(r, 0.6)
                ? pop.householdMember(i, r)
                : pop.friend(i, r.nextInt(Population.FRIENDS));
        int dur = Rand.chance(r, 0.9) ? (int) Math.min(3600, 10 + Rand.logNormal(r, 120, 0.8)) : 0;
        out.add(
            new CallEvent(
                id.next('c'),
                ts,
                Synth.carrier(phone),
                phone,
                pop.phone(j),
                dur,
                newRegion,
                pop.regionCode(j),
                pop.imei(i),
                Synth.cell(m.newRegion(), Rand.hash(i, 0xCE) & 0xFFFF),
                null));
        if (dur == 0 && Rand.chance(r, 0.7)) {
          out.add(
              new CallEvent(
                  id.next('c'),
                  ts + (60 + r.nextInt(900)) * 1000L,
                  Synth.carrier(pop.phone(j)),
                  pop.phone(j),
                  phone,
                  30 + r.nextInt(600),
                  pop.regionCode(j),
                  newRegion,
                  pop.imei(j),
                  pop.homeCell(j),
                  null));
        }
      }
    }
  }

  /**
   * A colleague's long call, then a meeting's screen share; or a grown-up child's long call, then
   * remote control of the parent's phone to sort something out, sometimes ending in a payment.
   */
  private void helpSession(
      int i, boolean meeting, long dayStart, SplittableRandom r, IdSeq id, List<Event> out) {
    int j = meeting ? pop.colleague(i, r) : pop.householdMember(i, r);
    long ts =
        dayStart
            + (meeting
                ? 9 * HOUR + r.nextInt(8 * 3600) * 1000L
                : 18 * HOUR + r.nextInt(4 * 3600) * 1000L);
    int dur = 300 + r.nextInt(meeting ? 3000 : 1500);
    out.add(
        new CallEvent(
            id.next('c'),
            ts,
            Synth.carrier(pop.phone(j)),
            pop.phone(j),
            pop.phone(i),
            dur,
            pop.regionCode(j),
            pop.regionCode(i),
            pop.imei(j),
            pop.homeCell(j),
            null));
    long at = ts + (1 + r.nextInt(10)) * MIN;
    if (meeting) {
      out.add(
          new DeviceEvent(
              id.next('d'),
              at,
              "app",
              pop.phone(i),
              DeviceSignal.SCREEN_SHARE,
              Rand.oneOf(r, MEETING_APPS)));
      return;
    }
    out.add(
        new DeviceEvent(
            id.next('d'),
            at,
            "app",
            pop.phone(i),
            DeviceSignal.REMOTE_CONTROL,
            Rand.oneOf(r, REMOTE_APPS)));
    if (Rand.chance(r, 0.3)) { // the bill that needed sorting out gets paid
      String from = pop.hasWallet(i) ? pop.wallet(i) : pop.card(i);
      int shop = r.nextInt(pop.merchants);
      String to = from.contains(":") ? pop.merchantWallet(shop) : pop.merchantCard(shop);
      out.add(
          new TransferEvent(
              id.next('t'),
              at + (3 + r.nextInt(15)) * MIN,
              Synth.institution(from),
              from,
              to,
              Rand.yuan(Rand.logNormal(r, 600, 0.5)),
              "CNY",
              from.contains(":") ? Channel.THIRD_PARTY : Channel.MOBILE,
              pop.phone(i),
              pop.merchantName(shop),
              pop.device(i),
              pop.ip(i),
              pop.regionCode(i)));
    }
  }
}
