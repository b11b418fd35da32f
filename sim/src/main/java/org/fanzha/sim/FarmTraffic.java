package org.fanzha.sim;

import java.util.List;
import java.util.SplittableRandom;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TargetKind;

/**
 * SIM-farm (猫池) traffic: each active card dials strangers in autodialer sessions around the clock
 * from a handful of shared handsets at one or two cells; few calls are answered and those are
 * short. The cards also blast fraud messages of their farm's fraud types.
 */
final class FarmTraffic {

  /** Autodialers run day and night: about a quarter of calls fall between 22:00 and 06:00. */
  private static final double[] HOURS =
      Rand.cumulative(4, 4, 3, 2, 2, 2, 3, 4, 6, 7, 7, 7, 5, 6, 7, 7, 7, 6, 6, 6, 6, 6, 5, 5);

  private final SimConfig config;
  private final Population pop;
  private final FraudPlan plan;
  private final Synth ids;

  FarmTraffic(SimConfig config, Population pop, FraudPlan plan, Synth ids) {
    this.config = config;
    this.pop = pop;
    this.plan = plan;
    this.ids = ids;
  }

  void day(int day, List<Event> out) {
    long dayStart = config.startMillis() + day * 86_400_000L;
    SplittableRandom r = Rand.stream(config.seed(), 0x33, day);
    IdSeq id = new IdSeq("f", day);
    for (FraudPlan.Farm f : plan.farms()) {
      String region = Regions.CODES[f.region];
      for (int j = 0; j < f.numbers.length; j++) {
        if (!f.active(j, day)) {
          continue;
        }
        String number = f.numbers[j];
        String source = Synth.carrier(number);
        // at least a few dozen calls: a farm card that is switched on is dialling
        int calls = Math.max(20, Rand.poisson(r, config.farmCallsPerNumberDay()));
        // the autodialer works in sessions: back-to-back calls 15–60 s apart, a few sessions a day
        int sessions = 2 + r.nextInt(5);
        int perSession = (calls + sessions - 1) / sessions;
        long ts = 0;
        int previous = 0;
        for (int k = 0; k < calls; k++) {
          ts += (previous + 15 + r.nextInt(46)) * 1000L;
          if (k % perSession == 0 || ts >= dayStart + 86_400_000L) { // new session, same day
            ts = dayStart + Rand.pick(r, HOURS) * 3_600_000L + r.nextInt(3600) * 1000L;
          }
          boolean resident = Rand.chance(r, 0.75);
          int person = resident ? r.nextInt(pop.size) : -1;
          String callee =
              resident ? pop.phone(person) : ids.phone(Synth.STRANGER_BASE + r.nextInt(50_000_000));
          int dur = 0;
          if (Rand.chance(r, 0.18)) {
            dur = Rand.chance(r, 0.75) ? 2 + r.nextInt(18) : 20 + r.nextInt(100);
          }
          previous = dur;
          // ports rotate: a card mostly sits on its own handset, sometimes on a neighbour's
          String imei =
              f.imeis[
                  (j + (Rand.chance(r, 0.2) ? 1 + r.nextInt(f.imeis.length) : 0)) % f.imeis.length];
          String displayed =
              Rand.chance(r, 0.05) ? "+86755" + (2_000_0000 + r.nextInt(7_000_0000)) : null;
          out.add(
              new CallEvent(
                  id.next('c'),
                  ts,
                  source,
                  number,
                  callee,
                  dur,
                  region,
                  resident ? pop.regionCode(person) : null,
                  imei,
                  f.cells[r.nextInt(f.cells.length)],
                  displayed));
        }
        int sms = Rand.poisson(r, config.fraudSmsPerNumberDay());
        for (int k = 0; k < sms; k++) {
          long at = dayStart + Rand.pick(r, HOURS) * 3_600_000L + r.nextInt(3600) * 1000L;
          String to =
              Rand.chance(r, 0.75)
                  ? pop.phone(r.nextInt(pop.size))
                  : ids.phone(Synth.STRANGER_BASE + r.nextInt(50_000_000));
          out.add(
              new SmsEvent(
                  id.next('s'),
                  at,
                  source,
                  number,
                  to,
                  Texts.fraudSms(f.types[r.nextInt(f.types.length)], r),
                  region));
        }
      }
    }
    blasts(day, dayStart, id, out);
  }

  /**
   * Residents' rented numbers ({@link Tactic#SMS_SPREAD}) each send a few dozen fraud messages in
   * the day and evening; now and then a receiver reports the sender to 12381. From a stream of
   * their own, so farm traffic is unchanged.
   */
  private void blasts(int day, long dayStart, IdSeq id, List<Event> out) {
    SplittableRandom r = Rand.stream(config.seed(), 0x7AF, day);
    for (FraudPlan.Blaster b : plan.blasters()) {
      if (!b.active(day)) {
        continue;
      }
      int n = Math.max(3, Rand.poisson(r, b.perDay()));
      for (int k = 0; k < n; k++) {
        long at = dayStart + (8 * 3600 + r.nextInt(14 * 3600)) * 1000L;
        boolean resident = Rand.chance(r, 0.8);
        int person = r.nextInt(pop.size);
        String to =
            resident ? pop.phone(person) : ids.phone(Synth.STRANGER_BASE + r.nextInt(50_000_000));
        String text = Texts.fraudSms(b.type(), r, Texts.url(r));
        out.add(
            new SmsEvent(
                id.next('s'), at, Synth.carrier(b.phone()), b.phone(), to, text, b.region()));
        if (resident && Rand.chance(r, 0.02)) {
          out.add(
              new ReportEvent(
                  id.next('r'),
                  at + (5 + r.nextInt(120)) * 60_000L,
                  "12381",
                  List.of(new ReportTarget(TargetKind.PHONE, b.phone())),
                  to,
                  pop.regionCode(person),
                  b.type(),
                  "收到可疑短信：" + text,
                  0,
                  List.of()));
        }
      }
    }
  }
}
