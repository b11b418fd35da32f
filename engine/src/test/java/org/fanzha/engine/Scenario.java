package org.fanzha.engine;

import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.Channel;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.event.ListingEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.time.Millis;
import org.jspecify.annotations.Nullable;

/**
 * Test vocabulary: builds events around {@link #T0} and feeds them to an engine, keeping every
 * decision so tests can look at them.
 */
public final class Scenario {

  /** 2026-11-27T09:00:00+08:00. */
  public static final long T0 = 1_795_741_200_000L;

  public static final long MINUTE = Millis.MINUTE;
  public static final long HOUR = Millis.HOUR;
  public static final long DAY = Millis.DAY;

  private final Engine engine;
  private final List<Decision> decisions = new ArrayList<>();
  private final List<Warning> warnings = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private int seq;

  public Scenario(Engine engine) {
    this.engine = engine;
  }

  public Scenario() {
    this(new Engine(EngineConfig.defaults().with("pairs.log2_bits", 16)));
  }

  public Engine engine() {
    return engine;
  }

  public List<Decision> decisions() {
    return decisions;
  }

  public List<Warning> warnings() {
    warnings.addAll(engine.drainWarnings());
    return warnings;
  }

  /** Returns a mainland mobile number in canonical form, distinct for each {@code n}. */
  public static String phone(int n) {
    return String.format("+86138%08d", n);
  }

  /** Returns a payment-account id, distinct for each {@code n}. */
  public static String account(int n) {
    return "alipay:acct" + n;
  }

  /**
   * Returns a valid resident ID (GB 11643 check character), distinct for each {@code n} below 1000.
   */
  public static String holder(int n) {
    String first17 = String.format("41040219800101%03d", n % 1000);
    return first17 + org.fanzha.core.id.Identifiers.residentIdCheckChar(first17);
  }

  /** Returns every event fed so far, in order. */
  public List<Event> events() {
    return events;
  }

  public Decision feed(Event e) {
    events.add(e);
    Decision d = engine.process(e);
    decisions.add(d);
    return d;
  }

  private String id(String prefix) {
    return prefix + (++seq);
  }

  public Decision call(
      long ts,
      String caller,
      String callee,
      int durationS,
      @Nullable String imei,
      @Nullable String cell) {
    return feed(
        new CallEvent(id("c"), ts, null, caller, callee, durationS, null, null, imei, cell, null));
  }

  public Decision call(long ts, String caller, String callee, int durationS) {
    return call(ts, caller, callee, durationS, null, null);
  }

  public Decision sms(long ts, String sender, String receiver, String text) {
    return feed(new SmsEvent(id("s"), ts, null, sender, receiver, text, null));
  }

  public Decision transfer(long ts, String from, String to, long yuan, @Nullable String fromPhone) {
    return feed(
        new TransferEvent(
            id("t"),
            ts,
            null,
            from,
            to,
            yuan * 100,
            "CNY",
            Channel.MOBILE,
            fromPhone,
            null,
            null,
            null,
            null));
  }

  public Decision transferFrom(
      long ts, String from, String to, long yuan, String device, String ip) {
    return feed(
        new TransferEvent(
            id("t"),
            ts,
            null,
            from,
            to,
            yuan * 100,
            "CNY",
            Channel.MOBILE,
            null,
            null,
            device,
            ip,
            null));
  }

  public Decision cashOut(long ts, String from, long yuan) {
    return feed(
        new TransferEvent(
            id("t"),
            ts,
            null,
            from,
            "cash:ATM" + (seq % 7),
            yuan * 100,
            "CNY",
            Channel.ATM,
            null,
            null,
            null,
            null,
            null));
  }

  public Decision opening(
      long ts,
      OpeningKind kind,
      String account,
      String holder,
      @Nullable String phone,
      @Nullable String region,
      @Nullable String device,
      @Nullable String ip,
      @Nullable String channel) {
    return feed(
        new OpeningEvent(
            id("o"), ts, null, kind, account, holder, phone, region, device, ip, channel));
  }

  public Decision device(long ts, String subscriber, DeviceSignal kind, String target) {
    return feed(new DeviceEvent(id("d"), ts, null, subscriber, kind, target));
  }

  public Decision report(
      long ts,
      @Nullable String reporter,
      TargetKind kind,
      String value,
      @Nullable FraudType type,
      long lossYuan) {
    return feed(
        new ReportEvent(
            id("r"),
            ts,
            null,
            List.of(new ReportTarget(kind, value)),
            reporter,
            null,
            type,
            null,
            lossYuan * 100,
            List.of()));
  }

  /** A report that names no fraud type but tells what happened in the reporter's words. */
  public Decision reportText(long ts, String reporter, TargetKind kind, String value, String text) {
    return feed(
        new ReportEvent(
            id("r"),
            ts,
            null,
            List.of(new ReportTarget(kind, value)),
            reporter,
            null,
            null,
            text,
            0,
            List.of()));
  }

  public Decision label(long ts, EntityKind kind, String entity, Role role) {
    return feed(new LabelEvent(id("l"), ts, null, kind, entity, role, null));
  }

  /** A list entry added ({@code lift} false) or lifted, as the server's list service sends it. */
  public Decision listing(long ts, ListName list, boolean lift, ListKind kind, String entity) {
    return feed(
        new ListingEvent(
            id("ls"), ts, "lists", list, lift, kind, entity, null, null, "entry-" + entity));
  }

  // ---- larger pieces

  /**
   * A SIM farm: {@code numbers} new cards (opened a day before by one holder) in one GOIP box (one
   * IMEI), each calling {@code callsEach} strangers over four night-and-day hours, rarely answered
   * and hung up quickly. Returns the numbers.
   */
  public List<String> simFarmCalls(int firstNumber, int numbers, int callsEach, long start) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < numbers; k++) {
      String p = phone(firstNumber + k);
      out.add(p);
      opening(
          start - DAY,
          OpeningKind.SIM,
          p,
          holder(9000 + firstNumber / 100),
          null,
          "440300",
          null,
          null,
          "agent-" + k % 3);
    }
    int callee = 5_000_000 + firstNumber * 1000;
    for (int c = 0; c < callsEach; c++) {
      for (int k = 0; k < numbers; k++) {
        long ts = start + (c * 4 * HOUR) / callsEach + k * 1000L;
        int dur = (c + k) % 5 == 0 ? 8 + (c % 10) : 0;
        call(
            ts,
            out.get(k),
            phone(callee++),
            dur,
            "IMEI-GOIP-" + firstNumber,
            "CELL-" + firstNumber);
      }
    }
    return out;
  }

  /**
   * A courier's working day: {@code calls} calls to customers of a fixed zone between 08:00 and
   * 19:00, mostly answered, about 30 s, many returned, from an old card on one handset.
   */
  public void courierDay(String courier, int customersFrom, int calls, long dayStart) {
    for (int c = 0; c < calls; c++) {
      long ts = dayStart - HOUR + (c * 11 * HOUR) / calls;
      String customer = phone(customersFrom + (c * 7) % 60);
      boolean answered = c % 10 != 0;
      call(ts, courier, customer, answered ? 25 + c % 20 : 0, "IMEI-" + courier, "CELL-Z");
      if (!answered || c % 4 == 0) {
        call(ts + 5 * MINUTE, customer, courier, 30, "IMEI-" + customer, "CELL-Z");
      }
    }
  }

  /** A victim receives a long hook call from {@code fraudNumber}. */
  public Decision victimReceivesCall(long ts, String fraudNumber, String victim, int durationS) {
    return call(ts, fraudNumber, victim, durationS);
  }
}
