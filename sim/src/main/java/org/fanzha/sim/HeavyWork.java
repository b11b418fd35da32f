package org.fanzha.sim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.SmsEvent;

/**
 * Benign heavy callers at work: couriers (some new on the job, on new cards), delivery riders,
 * telemarketers, bank agents and night-shift workers on their mobiles, and the banks' service lines
 * calling customers. High volume and many distinct callees, as a naive rule sees a SIM farm, but in
 * daytime, mostly answered, with normal durations, from old cards with one handset each, and with
 * customers calling back.
 */
final class HeavyWork {

  private final SimConfig config;
  private final Population pop;
  private final int[] workers;

  HeavyWork(SimConfig config, Population pop) {
    this.config = config;
    this.pop = pop;
    this.workers = pop.heavyCallers();
  }

  void day(int day, List<Event> out) {
    long dayStart = config.startMillis() + day * 86_400_000L;
    DayOfWeek dow = Instant.ofEpochMilli(dayStart).atOffset(ZoneOffset.ofHours(8)).getDayOfWeek();
    boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    SplittableRandom r = Rand.stream(config.seed(), 0x22, day);
    IdSeq id = new IdSeq("w", day);
    for (int w : workers) {
      switch (pop.work(w)) {
        case COURIER -> courier(w, dayStart, weekend, r, id, out);
        case RIDER -> rider(w, dayStart, r, id, out);
        case TELEMARKETER -> telemarketer(w, dayStart, weekend, r, id, out);
        case BANK_AGENT -> bankAgent(w, dayStart, weekend, r, id, out);
        case NIGHT_SHIFT -> nightShift(w, dayStart, r, id, out);
        case NONE -> {}
      }
    }
    for (int b = 0; b < Synth.SERVICE_LINES.length; b++) {
      serviceLine(b, dayStart, weekend, r, id, out);
    }
  }

  private void courier(
      int w, long dayStart, boolean weekend, SplittableRandom r, IdSeq id, List<Event> out) {
    int calls = 60 + Rand.poisson(r, weekend ? 35 : 55);
    for (int k = 0; k < calls; k++) {
      long ts = dayStart + (8 * 3600 + r.nextInt(11 * 3600)) * 1000L;
      int c = pop.zoneCustomer(w, r);
      workCall(w, c, ts, 0.9, 25, 0.5, 0.45, zoneCell(w, r), r, id, out);
    }
    int notices = 15 + r.nextInt(25);
    String phone = pop.phone(w);
    for (int k = 0; k < notices; k++) {
      long ts = dayStart + (8 * 3600 + r.nextInt(10 * 3600)) * 1000L;
      out.add(
          new SmsEvent(
              id.next('s'),
              ts,
              Synth.carrier(phone),
              phone,
              pop.phone(pop.zoneCustomer(w, r)),
              Texts.courier(r),
              pop.regionCode(w)));
    }
  }

  private void rider(int w, long dayStart, SplittableRandom r, IdSeq id, List<Event> out) {
    int calls = 40 + Rand.poisson(r, 40);
    for (int k = 0; k < calls; k++) {
      int minute =
          Rand.chance(r, 0.6) ? 630 + r.nextInt(180) : 1020 + r.nextInt(210); // meal rushes
      long ts = dayStart + (minute * 60L + r.nextInt(60)) * 1000L;
      workCall(w, pop.zoneCustomer(w, r), ts, 0.93, 20, 0.4, 0.5, zoneCell(w, r), r, id, out);
    }
  }

  private void telemarketer(
      int w, long dayStart, boolean weekend, SplittableRandom r, IdSeq id, List<Event> out) {
    int calls = weekend ? 20 + Rand.poisson(r, 15) : 110 + Rand.poisson(r, 70);
    String office = pop.workCell(w);
    for (int k = 0; k < calls; k++) {
      int hour = Rand.chance(r, 0.45) ? 9 + r.nextInt(3) : 14 + r.nextInt(4);
      long ts = dayStart + (hour * 3600L + r.nextInt(3600)) * 1000L;
      workCall(w, r.nextInt(pop.size), ts, 0.6, 50, 0.8, 0.05, office, r, id, out);
    }
  }

  private void bankAgent(
      int w, long dayStart, boolean weekend, SplittableRandom r, IdSeq id, List<Event> out) {
    if (weekend) {
      return;
    }
    int calls = 40 + Rand.poisson(r, 30);
    String office = pop.workCell(w);
    for (int k = 0; k < calls; k++) {
      long ts = dayStart + (9 * 3600 + r.nextInt(8 * 3600 + 1800)) * 1000L;
      workCall(w, pop.bankCustomer(pop.bank(w), r), ts, 0.8, 150, 0.6, 0.3, office, r, id, out);
    }
  }

  /**
   * A designated-driver dispatcher or night-shift ward worker: 25–60 calls between 22:00 and 05:00
   * to customers of their area, answered and called back like any work line, on an old card.
   */
  private void nightShift(int w, long dayStart, SplittableRandom r, IdSeq id, List<Event> out) {
    int calls = 25 + Rand.poisson(r, 20);
    for (int k = 0; k < calls; k++) {
      long ts = dayStart + (22 * 3600 + r.nextInt(7 * 3600)) * 1000L; // 22:00 to 05:00 next morning
      workCall(w, pop.zoneCustomer(w, r), ts, 0.85, 40, 0.6, 0.5, zoneCell(w, r), r, id, out);
    }
  }

  private void serviceLine(
      int bank, long dayStart, boolean weekend, SplittableRandom r, IdSeq id, List<Event> out) {
    String line = Synth.SERVICE_LINES[bank];
    int calls = Rand.poisson(r, Math.max(20, pop.size * (weekend ? 0.004 : 0.01)));
    for (int k = 0; k < calls; k++) {
      long ts = dayStart + (9 * 3600 + r.nextInt(11 * 3600)) * 1000L;
      int c = pop.bankCustomer(bank, r);
      boolean answered = Rand.chance(r, 0.85);
      int dur = answered ? (int) Math.min(1200, 10 + Rand.logNormal(r, 90, 0.6)) : 0;
      out.add(
          new CallEvent(
              id.next('c'),
              ts,
              "trunk",
              line,
              pop.phone(c),
              dur,
              "110105",
              pop.regionCode(c),
              null,
              null,
              null));
    }
  }

  private String zoneCell(int w, SplittableRandom r) {
    return Synth.cell(pop.region(w), (Rand.hash(w, 0xCE) & 0xFFF) + r.nextInt(3));
  }

  /** One work call, answered with probability {@code pAnswer}; a missed one may be returned. */
  private void workCall(
      int w,
      int callee,
      long ts,
      double pAnswer,
      double median,
      double sigma,
      double pCallback,
      String cell,
      SplittableRandom r,
      IdSeq id,
      List<Event> out) {
    if (callee == w) {
      callee = (callee + 1) % pop.size;
    }
    String caller = pop.phone(w);
    String to = pop.phone(callee);
    boolean answered = Rand.chance(r, pAnswer);
    int dur = answered ? (int) Math.min(1800, 4 + Rand.logNormal(r, median, sigma)) : 0;
    out.add(
        new CallEvent(
            id.next('c'),
            ts,
            Synth.carrier(caller),
            caller,
            to,
            dur,
            pop.regionCode(w),
            pop.regionCode(callee),
            pop.imei(w),
            cell,
            null));
    if (!answered && Rand.chance(r, pCallback)) {
      long back = ts + (45 + r.nextInt(900)) * 1000L;
      int d2 = (int) (5 + Rand.logNormal(r, 25, 0.5));
      out.add(
          new CallEvent(
              id.next('c'),
              back,
              Synth.carrier(to),
              to,
              caller,
              d2,
              pop.regionCode(callee),
              pop.regionCode(w),
              pop.imei(callee),
              pop.homeCell(callee),
              null));
    }
  }
}
