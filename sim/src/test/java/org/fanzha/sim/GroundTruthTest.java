package org.fanzha.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.event.TransferEvent;
import org.junit.jupiter.api.Test;

/** Checks that every planted label is backed by the events, and that the fraud has its shape. */
class GroundTruthTest {

  private final GroundTruth truth = SmallWorld.world().truth();
  private final List<Event> events = SmallWorld.events();

  @Test
  void labels_coverEveryFraudRole() {
    for (Role role : List.of(Role.FRAUD_NUMBER, Role.VICTIM, Role.NORMAL)) {
      assertThat(truth.entities(EntityKind.PHONE, role)).as(role.wireName()).isNotEmpty();
    }
    assertThat(truth.entities(EntityKind.ACCOUNT, Role.MULE)).hasSizeGreaterThan(10);
    assertThat(truth.entities(EntityKind.HOLDER, Role.CARD_DEALER))
        .hasSize(SmallWorld.CONFIG.cardDealers() * SmallWorld.CONFIG.holdersPerDealer());
  }

  @Test
  void labels_eachEntityHasOneRole() {
    Set<String> seen = new HashSet<>();
    for (LabelEvent l : truth.labels()) {
      assertThat(seen.add(l.entityKind() + "|" + l.entity())).as(l.entity()).isTrue();
    }
  }

  @Test
  void fraudNumbers_allMadeCallsOrSentMessages() {
    Set<String> active = new HashSet<>();
    for (Event e : events) {
      if (e instanceof CallEvent c) {
        active.add(c.caller());
      } else if (e instanceof SmsEvent s) {
        active.add(s.sender());
      }
    }
    assertThat(active).containsAll(truth.entities(EntityKind.PHONE, Role.FRAUD_NUMBER));
  }

  @Test
  void victims_eachHadALongCallFromAFraudNumber() {
    Set<String> fraud = truth.entities(EntityKind.PHONE, Role.FRAUD_NUMBER);
    Set<String> hooked = new HashSet<>();
    for (Event e : events) {
      if (e instanceof CallEvent c && fraud.contains(c.caller()) && c.durationS() >= 600) {
        hooked.add(c.callee());
      }
    }
    assertThat(hooked).containsAll(truth.entities(EntityKind.PHONE, Role.VICTIM));
  }

  @Test
  void mules_allReceivedMoneyTracedFromAVictim() {
    Set<String> tainted = new HashSet<>(truth.entities(EntityKind.ACCOUNT, Role.VICTIM));
    Set<String> victimPhones = truth.entities(EntityKind.PHONE, Role.VICTIM);
    Set<String> received = new HashSet<>();
    for (Event e : events) { // time order: money can only move on after it arrived
      if (e instanceof TransferEvent t
          && tainted.contains(t.from())
          && (!truth.entities(EntityKind.ACCOUNT, Role.VICTIM).contains(t.from())
              || victimPhones.contains(t.fromPhone()))
          && !t.isCashOut()) {
        if (truth.entities(EntityKind.ACCOUNT, Role.VICTIM).contains(t.from())
            && !truth.entities(EntityKind.ACCOUNT, Role.MULE).contains(t.to())) {
          continue; // a victim's everyday payment, not the scam
        }
        tainted.add(t.to());
        received.add(t.to());
      } else if (e instanceof TransferEvent t
          && tainted.contains(t.from())
          && t.isCashOut()
          && !t.to().startsWith("cash:")) {
        received.add(
            t.to()); // an OTC trader's wallet at the end of a chain: a counterparty, labelled mule
      }
    }
    assertThat(received).containsAll(truth.entities(EntityKind.ACCOUNT, Role.MULE));
  }

  @Test
  void cardDealers_openedSeveralCardsEachThroughOneDeviceUsedForManyHolders() {
    Set<String> dealers = truth.entities(EntityKind.HOLDER, Role.CARD_DEALER);
    Map<String, Integer> openings = new HashMap<>();
    Map<String, Set<String>> holdersPerDevice = new HashMap<>();
    for (Event e : events) {
      if (e instanceof OpeningEvent o && dealers.contains(o.holder())) {
        openings.merge(o.holder(), 1, Integer::sum);
        assertThat(o.device()).isNotNull();
        holdersPerDevice.computeIfAbsent(o.device(), d -> new HashSet<>()).add(o.holder());
      }
    }
    assertThat(openings.keySet()).isEqualTo(dealers);
    assertThat(openings.values()).allMatch(n -> n >= 2);
    assertThat(holdersPerDevice.values())
        .allMatch(h -> h.size() == SmallWorld.CONFIG.holdersPerDealer());
  }

  @Test
  void heavyCallers_placeFarMoreCallsThanResidents() {
    Set<String> heavy = new HashSet<>();
    for (String group : List.of("heavy_caller", "night_shift")) {
      SmallWorld.world()
          .normalActors()
          .get(group)
          .forEach(p -> heavy.add(p.substring("phone:".length())));
    }
    Map<String, Integer> calls = new HashMap<>();
    for (Event e : events) {
      if (e instanceof CallEvent c) {
        calls.merge(c.caller(), 1, Integer::sum);
      }
    }
    List<Integer> ordinary = new ArrayList<>();
    Set<String> fraud = truth.entities(EntityKind.PHONE, Role.FRAUD_NUMBER);
    for (Map.Entry<String, Integer> e : calls.entrySet()) {
      if (!heavy.contains(e.getKey()) && !fraud.contains(e.getKey())) {
        ordinary.add(e.getValue());
      }
    }
    ordinary.sort(null);
    int median = ordinary.get(ordinary.size() / 2);
    int days = SmallWorld.CONFIG.days();
    for (String h : heavy) {
      assertThat(calls.getOrDefault(h, 0))
          .as(h)
          .isGreaterThanOrEqualTo(Math.max(5 * median, 40 * days) / 2);
    }
  }

  @Test
  void reports_pointAtLabelledFraudNumbersAndMules() {
    Set<String> fraud = truth.entities(EntityKind.PHONE, Role.FRAUD_NUMBER);
    Set<String> mules = truth.entities(EntityKind.ACCOUNT, Role.MULE);
    Set<String> transferIds = new HashSet<>();
    for (Event e : events) {
      if (e instanceof TransferEvent) {
        transferIds.add(e.id());
      }
    }
    int reports = 0;
    for (Event e : events) {
      if (e instanceof ReportEvent r) {
        reports++;
        for (ReportTarget t : r.targets()) {
          if (t.kind() == TargetKind.PHONE) {
            assertThat(fraud).contains(t.value());
          } else if (t.kind() == TargetKind.ACCOUNT) {
            assertThat(mules).contains(t.value());
          }
        }
        assertThat(transferIds).containsAll(r.transferIds());
        assertThat(r.fraudType()).isNotNull();
      }
    }
    assertThat(reports).isPositive();
  }
}
