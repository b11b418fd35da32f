package org.fanzha.sim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.Channel;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TransferEvent;

/**
 * Ordinary residents' lives: their cards' openings (years ago) and, each day, calls, messages and
 * payments within family, friends, colleagues and shops, with callbacks after missed calls, bank
 * notices and marketing messages.
 */
final class NormalLife {

  /** Relative call/message intensity by hour of day (Beijing time): quiet nights, evening peak. */
  static final double[] DIURNAL =
      Rand.cumulative(
          0.3, 0.15, 0.1, 0.08, 0.1, 0.3, 1, 2.5, 4, 5.5, 6, 6, 5, 4.5, 5, 5.5, 5.5, 6, 6, 6.5, 6.5,
          5.5, 3.5, 1.5);

  static final int HISTORY_WINDOWS = 12;
  static final long YEAR = 365L * 86_400_000L;

  static final String[] MARKETING_SENDERS = {"10655", "10690", "10658", "95106", "10086", "10010"};

  private final SimConfig config;
  private final Population pop;

  NormalLife(SimConfig config, Population pop) {
    this.config = config;
    this.pop = pop;
  }

  /**
   * Returns the start of history window {@code w}; window {@code HISTORY_WINDOWS} starts the run.
   */
  long historyStart(int w) {
    return config.startMillis() - (HISTORY_WINDOWS - w) * YEAR;
  }

  /** Adds the residents' openings that fall in history window {@code w}. */
  void history(int w, List<Event> out) {
    long from = historyStart(w);
    long to = historyStart(w + 1);
    long start = config.startMillis();
    IdSeq id = new IdSeq("h", w);
    for (int i = 0; i < pop.size; i++) {
      long sim = pop.simOpened(i, start);
      long card = pop.cardOpened(i, start);
      long wallet = pop.walletOpened(i, start);
      if (sim >= from && sim < to) {
        String phone = pop.phone(i);
        out.add(
            new OpeningEvent(
                id.next('o'),
                sim,
                Synth.carrier(phone),
                OpeningKind.SIM,
                phone,
                pop.holder(i),
                null,
                pop.regionCode(i),
                null,
                null,
                (i & 3) == 0 ? "网上营业厅" : "营业厅"));
      }
      if (card >= from && card < to) {
        String c = pop.card(i);
        out.add(
            new OpeningEvent(
                id.next('o'),
                card,
                Synth.institution(c),
                OpeningKind.BANK_ACCOUNT,
                c,
                pop.holder(i),
                pop.phone(i),
                pop.regionCode(i),
                null,
                null,
                "网点柜台"));
      }
      if (pop.hasWallet(i) && wallet >= from && wallet < to) {
        String acc = pop.wallet(i);
        out.add(
            new OpeningEvent(
                id.next('o'),
                wallet,
                Synth.institution(acc),
                OpeningKind.PAYMENT_ACCOUNT,
                acc,
                pop.holder(i),
                pop.phone(i),
                pop.regionCode(i),
                pop.device(i),
                pop.ip(i),
                "app"));
      }
    }
  }

  /** Adds one simulated day of everyday activity. */
  void day(int day, List<Event> out) {
    long dayStart = config.startMillis() + day * 86_400_000L;
    DayOfWeek dow = Instant.ofEpochMilli(dayStart).atOffset(ZoneOffset.ofHours(8)).getDayOfWeek();
    boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    SplittableRandom r = Rand.stream(config.seed(), 0x11, day);
    IdSeq id = new IdSeq("n", day);
    for (int i = 0; i < pop.size; i++) {
      double a = pop.activity(i);
      int calls = Rand.poisson(r, config.callsPerPersonDay() * a);
      for (int k = 0; k < calls; k++) {
        call(i, dayStart + instant(r), weekend, r, id, out);
      }
      int sms = Rand.poisson(r, config.smsPerPersonDay() * a);
      for (int k = 0; k < sms; k++) {
        sms(i, dayStart + instant(r), r, id, out);
      }
      int pays = Rand.poisson(r, config.transfersPerPersonDay() * (0.5 + a / 2));
      for (int k = 0; k < pays; k++) {
        pay(i, dayStart + instant(r), r, id, out);
      }
    }
    int spam = Rand.poisson(r, config.spamSmsPerPersonDay() * pop.size);
    for (int k = 0; k < spam; k++) {
      int j = r.nextInt(pop.size);
      long ts = dayStart + (9 + r.nextInt(12)) * 3_600_000L + r.nextInt(3600) * 1000L;
      String sender = Rand.oneOf(r, MARKETING_SENDERS);
      out.add(
          new SmsEvent(id.next('s'), ts, "trunk", sender, pop.phone(j), Texts.marketing(r), null));
    }
  }

  /** Returns a time of day in ms drawn from the diurnal profile, whole seconds. */
  static long instant(SplittableRandom r) {
    return Rand.pick(r, DIURNAL) * 3_600_000L + r.nextInt(3600) * 1000L;
  }

  private void call(
      int i, long ts, boolean weekend, SplittableRandom r, IdSeq id, List<Event> out) {
    double x = r.nextDouble();
    String caller = pop.phone(i);
    int hour = (int) ((ts - config.startMillis()) / 3_600_000L % 24);
    String cell = !weekend && hour >= 9 && hour < 18 ? pop.workCell(i) : pop.homeCell(i);
    if (x < 0.04) { // the resident calls their bank's service line
      int dur = (int) Math.min(1800, 20 + Rand.logNormal(r, 150, 0.6));
      out.add(
          new CallEvent(
              id.next('c'),
              ts,
              Synth.carrier(caller),
              caller,
              Synth.SERVICE_LINES[pop.bank(i)],
              dur,
              pop.regionCode(i),
              null,
              pop.imei(i),
              cell,
              null));
      return;
    }
    int j;
    double median;
    if (x < 0.38) {
      j = pop.householdMember(i, r);
      median = 110;
    } else if (x < (weekend ? 0.90 : 0.66)) {
      j = pop.friend(i, r.nextInt(Population.FRIENDS));
      median = 80;
    } else {
      j = pop.colleague(i, r);
      median = 55;
    }
    String callee = pop.phone(j);
    boolean answered = Rand.chance(r, 0.86);
    int dur = answered ? (int) Math.min(3600, 3 + Rand.logNormal(r, median, 0.9)) : 0;
    out.add(
        new CallEvent(
            id.next('c'),
            ts,
            Synth.carrier(caller),
            caller,
            callee,
            dur,
            pop.regionCode(i),
            pop.regionCode(j),
            pop.imei(i),
            cell,
            null));
    if (!answered && Rand.chance(r, 0.55)) { // a missed call from someone you know gets returned
      long back = ts + (60 + r.nextInt(1200)) * 1000L;
      int d2 = Rand.chance(r, 0.95) ? (int) Math.min(3600, 3 + Rand.logNormal(r, 60, 0.8)) : 0;
      out.add(
          new CallEvent(
              id.next('c'),
              back,
              Synth.carrier(callee),
              callee,
              caller,
              d2,
              pop.regionCode(j),
              pop.regionCode(i),
              pop.imei(j),
              pop.homeCell(j),
              null));
    }
  }

  private void sms(int i, long ts, SplittableRandom r, IdSeq id, List<Event> out) {
    double x = r.nextDouble();
    int j =
        x < 0.4
            ? pop.householdMember(i, r)
            : x < 0.8 ? pop.friend(i, r.nextInt(Population.FRIENDS)) : pop.colleague(i, r);
    String sender = pop.phone(i);
    out.add(
        new SmsEvent(
            id.next('s'),
            ts,
            Synth.carrier(sender),
            sender,
            pop.phone(j),
            Texts.personal(r),
            pop.regionCode(i)));
  }

  private void pay(int i, long ts, SplittableRandom r, IdSeq id, List<Event> out) {
    double x = r.nextDouble();
    String phone = pop.phone(i);
    String region = pop.regionCode(i);
    boolean wallet = pop.hasWallet(i) && Rand.chance(r, 0.7);
    String from = wallet ? pop.wallet(i) : pop.card(i);
    TransferEvent t;
    if (x < 0.68) {
      int m = r.nextInt(pop.merchants);
      long fen = Math.max(100, Math.round(Rand.logNormal(r, 45, 0.9) * 100));
      t =
          new TransferEvent(
              id.next('t'),
              ts,
              Synth.institution(from),
              from,
              wallet ? pop.merchantWallet(m) : pop.merchantCard(m),
              fen,
              "CNY",
              wallet ? Channel.THIRD_PARTY : Channel.POS,
              phone,
              pop.merchantName(m),
              wallet ? pop.device(i) : null,
              wallet ? pop.ip(i) : null,
              region);
    } else if (x < 0.93) {
      int j =
          Rand.chance(r, 0.5)
              ? pop.householdMember(i, r)
              : pop.friend(i, r.nextInt(Population.FRIENDS));
      String to = wallet && pop.hasWallet(j) ? pop.wallet(j) : pop.card(j);
      long fen = Rand.yuan(Rand.logNormal(r, 300, 1.0));
      t =
          new TransferEvent(
              id.next('t'),
              ts,
              Synth.institution(from),
              from,
              to,
              fen,
              "CNY",
              wallet ? Channel.THIRD_PARTY : Channel.MOBILE,
              phone,
              pop.name(j),
              pop.device(i),
              pop.ip(i),
              region);
    } else {
      from = pop.card(i);
      long fen = 100L * 100 * (1 + r.nextInt(20));
      t =
          new TransferEvent(
              id.next('t'),
              ts,
              Synth.institution(from),
              from,
              "cash:" + Synth.atm(region, Rand.hash(i, 99) & 0xFFFF),
              fen,
              "CNY",
              Channel.ATM,
              phone,
              null,
              null,
              null,
              region);
    }
    out.add(t);
    if (t.from().equals(pop.card(i)) && Rand.chance(r, 0.5)) {
      out.add(
          new SmsEvent(
              id.next('s'),
              ts + 5000,
              "trunk",
              Synth.SERVICE_LINES[pop.bank(i)],
              phone,
              Texts.bankNotice(
                  pop.bank(i),
                  t.from(),
                  ts,
                  t.amountFen(),
                  t.channel() == Channel.ATM ? "取款" : t.channel() == Channel.POS ? "消费" : "转账",
                  r),
              null));
    }
  }
}
