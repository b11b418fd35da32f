package org.fanzha.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.TransferEvent;
import org.junit.jupiter.api.Test;

/** The behaviour a detector keys on: farm calls versus heavy callers, mule pass-through speed. */
class FraudShapeTest {

  private final GroundTruth truth = SmallWorld.world().truth();
  private final List<Event> events = SmallWorld.events();

  private record CallStats(
      int calls, int answered, long answeredSeconds, int night, Set<String> imeis) {
    double answerRate() {
      return (double) answered / calls;
    }

    double meanAnsweredSeconds() {
      return answered == 0 ? 0 : (double) answeredSeconds / answered;
    }

    double nightShare() {
      return (double) night / calls;
    }
  }

  private CallStats stats(Set<String> callers) {
    int calls = 0;
    int answered = 0;
    long seconds = 0;
    int night = 0;
    Set<String> imeis = new java.util.HashSet<>();
    for (Event e : events) {
      if (e instanceof CallEvent c && callers.contains(c.caller())) {
        calls++;
        if (c.answered()) {
          answered++;
          seconds += c.durationS();
        }
        int hour = Instant.ofEpochMilli(c.ts()).atOffset(ZoneOffset.ofHours(8)).getHour();
        if (hour >= 22 || hour < 6) {
          night++;
        }
        if (c.callerImei() != null) {
          imeis.add(c.callerImei());
        }
      }
    }
    return new CallStats(calls, answered, seconds, night, imeis);
  }

  private Set<String> farmNumbers() {
    Set<String> out = new java.util.TreeSet<>();
    for (FraudPlan.Farm f :
        new FraudPlan(
                SmallWorld.CONFIG,
                new Population(SmallWorld.CONFIG, new Synth(SmallWorld.CONFIG.seed())),
                new Synth(SmallWorld.CONFIG.seed()))
            .farms()) {
      out.addAll(List.of(f.numbers));
    }
    return out;
  }

  @Test
  void simFarmCalls_mostlyUnansweredShortAndAtNightToo() {
    Set<String> farm = farmNumbers();
    assertThat(truth.entities(EntityKind.PHONE, Role.FRAUD_NUMBER)).containsAll(farm);
    CallStats s = stats(farm);
    assertThat(s.calls()).isGreaterThan(1000);
    assertThat(s.answerRate()).isLessThan(0.3);
    assertThat(s.meanAnsweredSeconds()).isLessThan(60);
    assertThat(s.nightShare()).isGreaterThan(0.12);
    assertThat(s.imeis().size()).isLessThan(farm.size() / 2); // handsets are shared
    assertThat(medianGapSeconds(farm)).isLessThan(120); // an autodialer: call after call
  }

  private long medianGapSeconds(Set<String> callers) {
    Map<String, Long> last = new HashMap<>();
    List<Long> gaps = new ArrayList<>();
    for (Event e : events) {
      if (e instanceof CallEvent c && callers.contains(c.caller())) {
        Long before = last.put(c.caller(), c.ts());
        if (before != null) {
          gaps.add((c.ts() - before) / 1000);
        }
      }
    }
    gaps.sort(null);
    return gaps.get(gaps.size() / 2);
  }

  @Test
  void heavyCallers_answeredDaytimeOneHandsetEach() {
    Set<String> heavy = new java.util.TreeSet<>();
    SmallWorld.world()
        .normalActors()
        .get("heavy_caller")
        .forEach(p -> heavy.add(p.substring("phone:".length())));
    heavy.removeIf(p -> !p.startsWith("+86"));
    CallStats s = stats(heavy);
    assertThat(s.answerRate()).isGreaterThan(0.6);
    assertThat(s.meanAnsweredSeconds()).isGreaterThan(20);
    assertThat(s.nightShare()).isLessThan(0.05);
    assertThat(s.imeis()).hasSize(heavy.size());
  }

  @Test
  void mules_passMoneyOnWithinMinutes() {
    Set<String> mules = truth.entities(EntityKind.ACCOUNT, Role.MULE);
    Map<String, List<long[]>> in = new HashMap<>();
    Map<String, List<long[]>> out = new HashMap<>();
    Set<String> victims = truth.entities(EntityKind.ACCOUNT, Role.VICTIM);
    for (Event e : events) {
      // only the scam's money: rented residents' cards also see their owners' everyday payments
      if (e instanceof TransferEvent t
          && (mules.contains(t.from()) || victims.contains(t.from()))
          && (mules.contains(t.to()) || t.isCashOut())) {
        if (mules.contains(t.to())) {
          in.computeIfAbsent(t.to(), k -> new ArrayList<>())
              .add(new long[] {t.ts(), t.amountFen()});
        }
        if (mules.contains(t.from())) {
          out.computeIfAbsent(t.from(), k -> new ArrayList<>())
              .add(new long[] {t.ts(), t.amountFen()});
        }
      }
    }
    assertThat(in.keySet()).isEqualTo(mules);
    Set<String> dealerOpened = new java.util.HashSet<>();
    for (Event e : events) {
      if (e instanceof org.fanzha.core.event.OpeningEvent o
          && truth.entities(EntityKind.HOLDER, Role.CARD_DEALER).contains(o.holder())) {
        dealerOpened.add(o.account());
      }
    }
    for (String m : mules) {
      if (m.startsWith(
          "usdt:")) { // an OTC trader's wallet ends the chain: it takes money and sends none on
        assertThat(out).as(m).doesNotContainKey(m);
        continue;
      }
      long received = in.get(m).stream().mapToLong(x -> x[1]).sum();
      long sent = out.getOrDefault(m, List.of()).stream().mapToLong(x -> x[1]).sum();
      if (dealerOpened.contains(
          m)) { // a rented resident's card also carries its owner's cash withdrawals
        assertThat(sent)
            .as(m)
            .isLessThanOrEqualTo(received)
            .isGreaterThanOrEqualTo(received * 98 / 100);
      }
      for (long[] inflow : in.get(m)) {
        long firstOut =
            out.get(m).stream()
                .mapToLong(x -> x[0])
                .filter(ts -> ts >= inflow[0])
                .min()
                .orElseThrow();
        assertThat(firstOut - inflow[0]).as(m).isLessThanOrEqualTo(30 * 60_000L);
      }
    }
  }

  @Test
  void mules_chainsEndInCashOut() {
    long cashOut =
        events.stream()
            .filter(
                e ->
                    e instanceof TransferEvent t
                        && t.isCashOut()
                        && truth.entities(EntityKind.ACCOUNT, Role.MULE).contains(t.from()))
            .count();
    assertThat(cashOut).isPositive();
  }

  @Test
  void impersonationVictims_getAHandsetSignal() {
    Map<String, FraudType> victims = new HashMap<>();
    for (LabelEvent l : truth.labels()) {
      if (l.entityKind() == EntityKind.PHONE
          && l.role() == Role.VICTIM
          && (l.fraudType() == FraudType.CUSTOMER_SERVICE || l.fraudType() == FraudType.POLICE)) {
        victims.put(l.entity(), l.fraudType());
      }
    }
    Set<String> signalled = new java.util.HashSet<>();
    for (Event e : events) {
      if (e instanceof DeviceEvent d && d.kind() != DeviceSignal.URL_VISIT) {
        signalled.add(d.subscriber());
      }
    }
    assertThat(signalled).containsAll(victims.keySet());
  }
}
