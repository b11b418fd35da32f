package org.fanzha.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.TransferEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The honest look-alikes: they really behave like the fraud side, and they are labelled normal. */
class HardNegativesTest {

  private static final long MIN = 60_000L;
  private static final SimConfig CONFIG =
      SimConfig.builder(2026, 2000, 5)
          .payrollAgencies(5)
          .traders(4)
          .passOnFamilies(10)
          .moversPerDay(1)
          .build();
  private static World world;
  private static List<Event> events;
  private static Map<String, Set<String>> actors;

  @BeforeAll
  static void generate() {
    world = World.generate(CONFIG);
    List<Event> all = new ArrayList<>();
    world.forEachEvent(all::add);
    events = List.copyOf(all);
    actors = world.normalActors();
  }

  private static Set<String> entities(String actor, String kind) {
    Set<String> out = new HashSet<>();
    for (String e : actors.getOrDefault(actor, Set.of())) {
      if (e.startsWith(kind + ":")) {
        out.add(e.substring(kind.length() + 1));
      }
    }
    return out;
  }

  private static void assertLabelledNormal(EntityKind kind, Set<String> entities) {
    assertThat(entities).isNotEmpty();
    for (String e : entities) {
      LabelEvent l = world.truth().labelOf(kind, e);
      assertThat(l).as(e).isNotNull();
      assertThat(l.role()).as(e).isEqualTo(Role.NORMAL);
    }
  }

  @Test
  void payroll_passesEachLumpOnWithinAnHour() {
    Set<String> agencies = entities("payroll", "account");
    assertLabelledNormal(EntityKind.ACCOUNT, agencies);
    Map<String, List<TransferEvent>> in = new HashMap<>();
    Map<String, List<TransferEvent>> out = new HashMap<>();
    for (Event e : events) {
      if (e instanceof TransferEvent t) {
        if (agencies.contains(t.to())) {
          in.computeIfAbsent(t.to(), k -> new ArrayList<>()).add(t);
        }
        if (agencies.contains(t.from())) {
          out.computeIfAbsent(t.from(), k -> new ArrayList<>()).add(t);
        }
      }
    }
    int runs = 0;
    for (Map.Entry<String, List<TransferEvent>> e : in.entrySet()) {
      for (TransferEvent lump : e.getValue()) {
        long within =
            out.getOrDefault(e.getKey(), List.of()).stream()
                .filter(t -> t.ts() >= lump.ts() && t.ts() <= lump.ts() + 60 * MIN)
                .mapToLong(TransferEvent::amountFen)
                .sum();
        assertThat(within).as(lump.id()).isBetween(lump.amountFen() * 95 / 100, lump.amountFen());
        runs++;
      }
    }
    assertThat(runs).isGreaterThanOrEqualTo(3);
  }

  @Test
  void crewLeaders_payTheirCrewSoonAfterTheAgencyPaysThem() {
    Set<String> leaders = entities("crew_leader", "account");
    assertLabelledNormal(EntityKind.ACCOUNT, leaders);
    Set<String> agencies = entities("payroll", "account");
    int checked = 0;
    for (Event e : events) {
      if (e instanceof TransferEvent lump
          && leaders.contains(lump.to())
          && agencies.contains(lump.from())) {
        long out =
            events.stream()
                .filter(
                    x ->
                        x instanceof TransferEvent t
                            && t.from().equals(lump.to())
                            && t.ts() > lump.ts()
                            && t.ts() <= lump.ts() + 90 * MIN)
                .mapToLong(x -> ((TransferEvent) x).amountFen())
                .sum();
        assertThat(out).as(lump.id()).isEqualTo(lump.amountFen());
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  void merchants_settleExactlyTheDaysTakingsToTheOwner() {
    Set<String> shops = entities("merchant", "account");
    assertLabelledNormal(EntityKind.ACCOUNT, shops);
    long start = CONFIG.startMillis();
    Map<String, List<long[]>> takings = new HashMap<>();
    int settlements = 0;
    for (Event e : events) {
      if (!(e instanceof TransferEvent t) || t.ts() < start) {
        continue;
      }
      long day = (t.ts() - start) / 86_400_000L;
      if (shops.contains(t.to())) {
        takings
            .computeIfAbsent(t.to() + "@" + day, k -> new ArrayList<>())
            .add(new long[] {t.ts(), t.amountFen()});
      } else if (shops.contains(t.from())) {
        // in the evening: everything taken that day before this moment leaves in one transfer
        long sum =
            takings.getOrDefault(t.from() + "@" + day, List.of()).stream()
                .filter(x -> x[0] < t.ts())
                .mapToLong(x -> x[1])
                .sum();
        assertThat(t.amountFen()).as(t.id()).isEqualTo(sum);
        int hour = Instant.ofEpochMilli(t.ts()).atOffset(ZoneOffset.ofHours(8)).getHour();
        assertThat(hour).isBetween(20, 22);
        settlements++;
      }
    }
    assertThat(settlements).isGreaterThan(shops.size());
  }

  @Test
  void families_forwardARelativesMoneyToTheChildWithinHours() {
    Set<String> parents = entities("family", "account");
    assertLabelledNormal(EntityKind.ACCOUNT, parents);
    int forwards = 0;
    Map<String, TransferEvent> lastIn = new HashMap<>();
    for (Event e : events) {
      if (e instanceof TransferEvent t && parents.contains(t.to())) {
        lastIn.put(t.to(), t);
      }
      if (e instanceof TransferEvent t
          && parents.contains(t.from())
          && lastIn.containsKey(t.from())) {
        TransferEvent in = lastIn.get(t.from());
        if (t.ts() - in.ts() <= 90 * MIN
            && t.amountFen() >= in.amountFen() * 8 / 10
            && t.amountFen() <= in.amountFen()) {
          forwards++;
        }
      }
    }
    assertThat(forwards).isGreaterThanOrEqualTo(parents.size());
  }

  @Test
  void traders_receiveFromManyBuyersAndPaySuppliersMostOfIt() {
    Set<String> traders = entities("trader", "account");
    assertLabelledNormal(EntityKind.ACCOUNT, traders);
    for (String trader : traders) {
      Set<String> payers = new HashSet<>();
      long in = 0;
      long out = 0;
      for (Event e : events) {
        if (e instanceof TransferEvent t
            && t.to().equals(trader)
            && t.id().startsWith("b")) { // buyers, not friends
          payers.add(t.from());
          in += t.amountFen();
        } else if (e instanceof TransferEvent t
            && t.from().equals(trader)
            && t.toName() != null
            && t.toName().equals("批发档口")) {
          out += t.amountFen();
        }
      }
      assertThat(payers).as(trader).hasSizeGreaterThan(20);
      assertThat((double) out / in).as(trader).isBetween(0.8, 1.0);
    }
  }

  @Test
  void movers_openSeveralCardsAndAccountsWithinAWeek() {
    Set<String> holders = entities("mover", "holder");
    assertLabelledNormal(EntityKind.HOLDER, holders);
    long start = CONFIG.startMillis();
    Map<String, List<OpeningEvent>> opened = new HashMap<>();
    for (Event e : events) {
      if (e instanceof OpeningEvent o && o.ts() >= start && holders.contains(o.holder())) {
        opened.computeIfAbsent(o.holder(), k -> new ArrayList<>()).add(o);
      }
    }
    assertThat(opened.keySet()).isEqualTo(holders);
    for (List<OpeningEvent> list : opened.values()) {
      assertThat(list).hasSizeBetween(3, 5);
      long span = list.get(list.size() - 1).ts() - list.get(0).ts();
      assertThat(span).isLessThan(7 * 86_400_000L);
    }
  }

  @Test
  void screenSharesAndRemoteHelp_followALongCallFromSomeoneKnown() {
    Set<String> sharers = entities("screen_share", "phone");
    sharers.addAll(entities("remote_help", "phone"));
    assertLabelledNormal(EntityKind.PHONE, sharers);
    Map<String, Long> lastLongCall = new HashMap<>();
    int signals = 0;
    for (Event e : events) {
      if (e instanceof CallEvent c && c.durationS() >= 300) {
        lastLongCall.put(c.callee(), c.ts());
      }
      if (e instanceof DeviceEvent d
          && sharers.contains(d.subscriber())
          && (d.kind() == DeviceSignal.SCREEN_SHARE || d.kind() == DeviceSignal.REMOTE_CONTROL)) {
        assertThat(d.ts() - lastLongCall.getOrDefault(d.subscriber(), 0L))
            .isLessThanOrEqualTo(10 * MIN);
        signals++;
      }
    }
    assertThat(signals).isGreaterThanOrEqualTo(sharers.size());
  }

  @Test
  void linkVisitors_followALinkFromAMarketingMessage() {
    Set<String> visitors = entities("link_visit", "phone");
    assertLabelledNormal(EntityKind.PHONE, visitors);
    Map<String, List<String>> texts = new HashMap<>();
    int visits = 0;
    for (Event e : events) {
      if (e instanceof org.fanzha.core.event.SmsEvent s && !s.sender().startsWith("+")) {
        texts.computeIfAbsent(s.receiver(), k -> new ArrayList<>()).add(s.text());
      }
      if (e instanceof DeviceEvent d
          && d.kind() == DeviceSignal.URL_VISIT
          && visitors.contains(d.subscriber())) {
        assertThat(texts.get(d.subscriber())).anyMatch(t -> t.contains(d.target()));
        visits++;
      }
    }
    assertThat(visits).isGreaterThanOrEqualTo(visitors.size());
  }

  @Test
  void nightShiftWorkers_callAtNightAndAreAnswered() {
    Set<String> night = entities("night_shift", "phone");
    assertLabelledNormal(EntityKind.PHONE, night);
    int calls = 0;
    int atNight = 0;
    int answered = 0;
    for (Event e : events) {
      if (e instanceof CallEvent c && night.contains(c.caller())) {
        calls++;
        int hour = Instant.ofEpochMilli(c.ts()).atOffset(ZoneOffset.ofHours(8)).getHour();
        atNight += hour >= 22 || hour < 6 ? 1 : 0;
        answered += c.answered() ? 1 : 0;
      }
    }
    assertThat(calls).isGreaterThan(25 * night.size() * CONFIG.days());
    // they also call family and friends in the day like anyone else
    assertThat((double) atNight / calls).isGreaterThan(0.6);
    assertThat((double) answered / calls).isGreaterThan(0.75);
  }

  @Test
  void newCouriers_callHeavilyFromCardsOpenedDaysBeforeTheRun() {
    Set<String> heavy = entities("heavy_caller", "phone");
    long start = CONFIG.startMillis();
    int fresh = 0;
    for (Event e : events) {
      if (e instanceof OpeningEvent o
          && heavy.contains(o.account())
          && o.ts() > start - 10 * 86_400_000L) {
        assertThat(o.ts()).isLessThan(start);
        fresh++;
      }
    }
    assertThat(fresh).isPositive();
  }

  @Test
  void outsideHooks_areFraudNumbersThatNoDealerOpenedAndShareNoHandset() {
    Set<String> fraud = world.truth().entities(EntityKind.PHONE, Role.FRAUD_NUMBER);
    Set<String> dealerOpened = new HashSet<>();
    Map<String, Set<String>> phonesOnImei = new HashMap<>();
    for (Event e : events) {
      if (e instanceof OpeningEvent o && o.channel() != null && o.channel().startsWith("代理点")) {
        dealerOpened.add(o.account());
      }
      if (e instanceof CallEvent c && c.callerImei() != null && fraud.contains(c.caller())) {
        phonesOnImei.computeIfAbsent(c.callerImei(), k -> new HashSet<>()).add(c.caller());
      }
    }
    int outside = 0;
    for (Set<String> phones : phonesOnImei.values()) {
      if (phones.size() == 1 && !dealerOpened.contains(phones.iterator().next())) {
        outside++;
      }
    }
    assertThat(outside)
        .isEqualTo((int) Math.round(CONFIG.hookNumbers() * CONFIG.outsideHookShare()));
  }

  @Test
  void events_reparseThroughTheCodec() {
    EventCodec codec = new EventCodec();
    int n = 0;
    for (Event e : events) {
      if (e.id().startsWith("b") || e.id().startsWith("p")) {
        ParseResult r = codec.parse(codec.write(e), n++);
        assertThat(r).as(e.id()).isInstanceOf(ParseResult.Accepted.class);
        assertThat(((ParseResult.Accepted) r).event()).isEqualTo(e);
      }
    }
    assertThat(n).isGreaterThan(1000);
  }

  @Test
  void withoutHardNegatives_labelsNoHardNegative() {
    World plain = World.generate(SimConfig.builder(2026, 500, 2).withoutHardNegatives().build());
    Map<String, Set<String>> groups = plain.normalActors();
    assertThat(groups.keySet()).containsOnly("heavy_caller", "night_shift");
    assertThat(groups.get("night_shift")).isEmpty();
  }
}
