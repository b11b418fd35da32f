package org.fanzha.sim;

import static org.fanzha.core.time.Millis.DAY;
import static org.fanzha.core.time.Millis.HOUR;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.Channel;
import org.fanzha.core.event.ClosingEvent;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TransferEvent;

/**
 * The honest look-alikes of the adversarial world ({@link Tactic#honest()}): a licensed call centre
 * that opened its lines in bulk days ago and calls people all day, relatives who call from a new
 * number at length and ask for money, people who follow a fraud message's link and then go
 * shopping, and people who changed numbers many times and open a second line. Every one of them is
 * labelled {@code normal}; all are off in the default city.
 */
final class LookAlikes {
  private static final long MIN = 60_000L;

  /**
   * Index bases of the look-alikes' own numbers, beside the hard negatives'
   * (50,000,000–50,399,999).
   */
  private static final long CENTRE_BASE = 50_400_000L;

  private static final long RELATIVE_BASE = 50_500_000L;

  /** Earlier cards of people who changed numbers, and the second lines they open in the run. */
  private static final long CHANGES_BASE = 50_600_000L;

  private static final long SECOND_LINE_BASE = 50_700_000L;

  /** A resident who follows a fraud message's link on {@code day} and then goes shopping. */
  private record Clicker(int person, int day) {}

  /** A number sending fraud messages on a day. */
  private record Sender(String number, String region, FraudType type) {}

  /**
   * A relative who calls {@code payer} on {@code day} from a number opened at {@code opened} and is
   * sent money.
   */
  private record Relative(int payer, int relative, String newPhone, int day, long opened) {}

  private final SimConfig config;
  private final Population pop;
  private final Synth ids;
  private final List<Event> upFront = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private final List<Relative> relatives = new ArrayList<>();
  private final List<Clicker> clickers = new ArrayList<>();
  private final FraudPlan plan;
  private final Map<String, Set<String>> byActor = new TreeMap<>();
  private final Set<Integer> taken = new HashSet<>();
  private final int centreRegion;
  private final double callsPerLine;
  private final double answered;
  private final double calledBack;

  LookAlikes(SimConfig config, Population pop, Synth ids, FraudPlan plan, HardNegatives benign) {
    this.config = config;
    this.pop = pop;
    this.ids = ids;
    this.plan = plan;
    SplittableRandom r = Rand.stream(config.seed(), 0x7AD, 0);
    centreRegion = Regions.cityDistrict(r);
    callsPerLine = 60 + r.nextInt(80);
    answered = 0.3 + 0.25 * r.nextDouble();
    calledBack = 0.03 + 0.05 * r.nextDouble();
    IdSeq id = new IdSeq("l");
    if (config.has(Tactic.CALL_CENTRE)) {
      openCentre(r, id, plan);
    }
    if (config.has(Tactic.RELATIVE_ASKS)) {
      int n = Math.max(3, config.people() / 1500);
      for (int k = 0; k < n; k++) {
        int payer = free(r, plan, benign);
        int relative = free(r, plan, benign);
        if (payer < 0 || relative < 0) {
          continue;
        }
        int day = r.nextInt(config.days());
        long opened = config.startMillis() + day * DAY - (1 + r.nextInt(5 * 24)) * HOUR;
        String phone = ids.phone(RELATIVE_BASE + k);
        Event open =
            new OpeningEvent(
                id.next('o'),
                opened,
                Synth.carrier(phone),
                OpeningKind.SIM,
                phone,
                pop.holder(relative),
                null,
                pop.regionCode(relative),
                pop.device(relative),
                pop.ip(relative),
                "营业厅");
        upFront.add(open); // merged by time with the plan's events, before or during the run
        relatives.add(new Relative(payer, relative, phone, day, opened));
        label(plan, "relative_asks", EntityKind.PHONE, pop.phone(payer));
        label(plan, "relative_asks", EntityKind.PHONE, phone);
        label(plan, "relative_asks", EntityKind.ACCOUNT, pop.card(relative));
      }
    }
    if (config.has(Tactic.NUMBER_CHANGES)) {
      numberChanges(Rand.stream(config.seed(), 0x7B0, 0), plan, benign);
    }
    if (config.has(Tactic.LINK_THEN_SHOPPING)) {
      int n = Math.max(3, config.people() / 700);
      for (int k = 0; k < n; k++) {
        int person = free(r, plan, benign);
        if (person >= 0) {
          clickers.add(new Clicker(person, r.nextInt(config.days())));
          label(plan, "link_then_shopping", EntityKind.PHONE, pop.phone(person));
        }
      }
    }
  }

  /**
   * People who gave up five to seven cards over the years before the present one (each kept one to
   * two years, then closed at a business hall), and open a second line on a day of the run.
   */
  private void numberChanges(SplittableRandom r, FraudPlan plan, HardNegatives benign) {
    IdSeq id = new IdSeq("lc");
    int n = Math.max(3, config.people() / 1000);
    long card = 0;
    for (int k = 0; k < n; k++) {
      int person = free(r, plan, benign);
      if (person < 0) {
        continue;
      }
      String holder = pop.holder(person);
      String region = pop.regionCode(person);
      int earlier = 5 + r.nextInt(3);
      long at = config.startMillis() - (earlier * 2 + 2) * NormalLife.YEAR + r.nextInt(300) * DAY;
      for (int j = 0; j < earlier; j++) {
        String phone = ids.phone(CHANGES_BASE + card++);
        long closed = at + (1 + r.nextInt(2)) * NormalLife.YEAR - r.nextInt(60) * DAY;
        upFront.add(
            new OpeningEvent(
                id.next('o'),
                at,
                Synth.carrier(phone),
                OpeningKind.SIM,
                phone,
                holder,
                null,
                region,
                null,
                null,
                "营业厅"));
        upFront.add(
            new ClosingEvent(
                id.next('x'), closed, Synth.carrier(phone), OpeningKind.SIM, phone, holder, "营业厅"));
        at = closed + r.nextInt(30) * DAY;
      }
      String line = ids.phone(SECOND_LINE_BASE + k);
      long opened =
          config.startMillis() + r.nextInt(config.days()) * DAY + (9 + r.nextInt(9)) * HOUR;
      upFront.add(
          new OpeningEvent(
              id.next('o'),
              opened,
              Synth.carrier(line),
              OpeningKind.SIM,
              line,
              holder,
              null,
              region,
              pop.device(person),
              pop.ip(person),
              "营业厅"));
      label(plan, "number_changes", EntityKind.HOLDER, holder);
      label(plan, "number_changes", EntityKind.PHONE, line);
    }
  }

  /**
   * A company opens its lines in one visit to a business hall, days before the run, on one desk's
   * device.
   */
  private void openCentre(SplittableRandom r, IdSeq id, FraudPlan plan) {
    int n = 8 + r.nextInt(7);
    String region = Regions.CODES[centreRegion];
    String agent = ids.residentId(Synth.HOLDER_BASE + 700_000L, region);
    String device = ids.device(CENTRE_BASE);
    String ip = ids.fixedIp(CENTRE_BASE);
    long opened = config.startMillis() - (1 + r.nextInt(10)) * DAY + (9 + r.nextInt(6)) * HOUR;
    for (int j = 0; j < n; j++) {
      String phone = ids.phone(CENTRE_BASE + j);
      upFront.add(
          new OpeningEvent(
              id.next('o'),
              opened + j * 3 * MIN,
              Synth.carrier(phone),
              OpeningKind.SIM,
              phone,
              agent,
              null,
              region,
              device,
              ip,
              "营业厅-政企"));
      lines.add(phone);
      label(plan, "call_centre", EntityKind.PHONE, phone);
    }
    label(plan, "call_centre", EntityKind.HOLDER, agent);
  }

  /** Returns the events made before the run (openings), for the plan's up-front stream. */
  List<Event> upFront() {
    return upFront;
  }

  /**
   * Returns the look-alikes by kind ({@code call_centre}, {@code relative_asks}), each a sorted set
   * of {@code kind:entity}.
   */
  Map<String, Set<String>> byActor() {
    return byActor;
  }

  /** Adds one simulated day of the look-alikes' events. */
  void day(int day, List<Event> out) {
    long dayStart = config.startMillis() + day * DAY;
    SplittableRandom r = Rand.stream(config.seed(), 0x7AE, day);
    IdSeq id = new IdSeq("l", day);
    if (!HardNegatives.weekend(dayStart)) {
      centreDay(dayStart, r, id, out);
    }
    for (Relative rel : relatives) {
      if (rel.day() == day) {
        asks(rel, dayStart, r, id, out);
      }
    }
    List<Sender> senders = fraudSendersOn(day);
    for (Clicker c : clickers) {
      if (c.day() == day && !senders.isEmpty()) {
        clickThenShop(c.person(), senders.get(r.nextInt(senders.size())), dayStart, r, id, out);
      }
    }
  }

  /** The farm cards and rented blasters sending fraud messages on a day. */
  private List<Sender> fraudSendersOn(int day) {
    List<Sender> out = new ArrayList<>();
    for (FraudPlan.Farm f : plan.farms()) {
      for (int j = 0; j < f.numbers.length; j++) {
        if (f.active(j, day)) {
          out.add(new Sender(f.numbers[j], Regions.CODES[f.region], f.types[0]));
        }
      }
    }
    for (FraudPlan.Blaster b : plan.blasters()) {
      if (b.active(day)) {
        out.add(new Sender(b.phone(), b.region(), b.type()));
      }
    }
    return out;
  }

  /**
   * A fraud message, a visit to its link minutes later, then one or two ordinary purchases at a
   * shop.
   */
  private void clickThenShop(
      int i, Sender sender, long dayStart, SplittableRandom r, IdSeq id, List<Event> out) {
    long ts = dayStart + (8 * 3600 + r.nextInt(12 * 3600)) * 1000L;
    String url = Texts.url(r);
    String phone = pop.phone(i);
    String text = Texts.fraudSms(sender.type(), r, url);
    if (!text.contains(url)) {
      text = text + " " + url; // the message they follow has a link in it
    }
    out.add(
        new SmsEvent(
            id.next('s'),
            ts,
            Synth.carrier(sender.number()),
            sender.number(),
            phone,
            text,
            sender.region()));
    long visit = ts + (1 + r.nextInt(20)) * MIN;
    out.add(new DeviceEvent(id.next('d'), visit, "app", phone, DeviceSignal.URL_VISIT, url));
    int buys = 1 + r.nextInt(2);
    long at = visit + (20 + r.nextInt(160)) * MIN;
    for (int k = 0; k < buys; k++) {
      int m = r.nextInt(pop.merchants);
      boolean wallet = pop.hasWallet(i);
      String from = wallet ? pop.wallet(i) : pop.card(i);
      out.add(
          new TransferEvent(
              id.next('t'),
              at,
              Synth.institution(from),
              from,
              wallet ? pop.merchantWallet(m) : pop.merchantCard(m),
              (8 + r.nextInt(140)) * 100L,
              "CNY",
              wallet ? Channel.THIRD_PARTY : Channel.POS,
              phone,
              pop.merchantName(m),
              pop.device(i),
              pop.ip(i),
              pop.regionCode(i)));
      at += (10 + r.nextInt(90)) * MIN;
    }
  }

  /**
   * Each line calls people from lists all working day: many unanswered, the answered ones minutes
   * long.
   */
  private void centreDay(long dayStart, SplittableRandom r, IdSeq id, List<Event> out) {
    String region = Regions.CODES[centreRegion];
    String cell = Synth.cell(centreRegion, 900);
    for (int j = 0; j < lines.size(); j++) {
      String line = lines.get(j);
      String imei = ids.imei(CENTRE_BASE + j);
      int calls = Rand.poisson(r, callsPerLine);
      for (int k = 0; k < calls; k++) {
        long ts = dayStart + (9 * 3600 + r.nextInt(9 * 3600)) * 1000L;
        boolean resident = Rand.chance(r, 0.8);
        int callee = r.nextInt(pop.size);
        String to =
            resident
                ? pop.phone(callee)
                : ids.phone(Synth.STRANGER_BASE + 700_000L + r.nextInt(3_000_000));
        int dur = Rand.chance(r, answered) ? (int) Math.min(1500, Rand.logNormal(r, 150, 0.8)) : 0;
        out.add(
            new CallEvent(
                id.next('c'),
                ts,
                Synth.carrier(line),
                line,
                to,
                dur,
                region,
                resident ? pop.regionCode(callee) : null,
                imei,
                cell,
                null));
        if (resident && dur > 0 && Rand.chance(r, calledBack)) {
          out.add(
              new CallEvent(
                  id.next('c'),
                  ts + (20 + r.nextInt(300)) * MIN,
                  Synth.carrier(to),
                  to,
                  line,
                  30 + r.nextInt(300),
                  pop.regionCode(callee),
                  region,
                  pop.imei(callee),
                  pop.homeCell(callee),
                  null));
        }
      }
    }
  }

  /**
   * A long call from the new number; often a call back to check; then money to the relative's own
   * old card.
   */
  private void asks(Relative rel, long dayStart, SplittableRandom r, IdSeq id, List<Event> out) {
    int p = rel.payer();
    int q = rel.relative();
    long ts =
        Math.max(rel.opened() + 30 * MIN, dayStart + (10 * 3600 + r.nextInt(11 * 3600)) * 1000L);
    int dur = 360 + r.nextInt(1140);
    out.add(
        new CallEvent(
            id.next('c'),
            ts,
            Synth.carrier(rel.newPhone()),
            rel.newPhone(),
            pop.phone(p),
            dur,
            pop.regionCode(q),
            pop.regionCode(p),
            pop.imei(q),
            pop.homeCell(q),
            null));
    long at = ts + dur * 1000L + (10 + r.nextInt(110)) * MIN;
    if (Rand.chance(r, 0.4)) {
      out.add(
          new CallEvent(
              id.next('c'),
              ts + dur * 1000L + (2 + r.nextInt(8)) * MIN,
              Synth.carrier(pop.phone(p)),
              pop.phone(p),
              rel.newPhone(),
              60 + r.nextInt(180),
              pop.regionCode(p),
              pop.regionCode(q),
              pop.imei(p),
              pop.homeCell(p),
              null));
    }
    long fen = (5 + r.nextInt(76)) * 100_00L;
    out.add(
        new TransferEvent(
            id.next('t'),
            at,
            Synth.institution(pop.card(p)),
            pop.card(p),
            pop.card(q),
            fen,
            "CNY",
            Channel.MOBILE,
            pop.phone(p),
            pop.name(q),
            pop.device(p),
            pop.ip(p),
            pop.regionCode(p)));
  }

  private int free(SplittableRandom r, FraudPlan plan, HardNegatives benign) {
    for (int attempt = 0; attempt < 64; attempt++) {
      int i = r.nextInt(pop.size);
      if (!plan.involves(i) && !benign.uses(i) && taken.add(i)) {
        return i;
      }
    }
    return -1;
  }

  private void label(FraudPlan plan, String actor, EntityKind kind, String entity) {
    if (plan.labels().add(kind, entity, Role.NORMAL, null)) {
      byActor.computeIfAbsent(actor, k -> new TreeSet<>()).add(kind.wireName() + ":" + entity);
    }
  }
}
