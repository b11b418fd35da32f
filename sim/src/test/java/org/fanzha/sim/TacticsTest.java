package org.fanzha.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.Channel;
import org.fanzha.core.event.ClosingEvent;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TransferEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adversarial city: each tactic really behaves as described, and the default city has none of
 * it.
 */
class TacticsTest {

  private static final long MIN = 60_000L;
  private static final long HOUR = 60 * MIN;
  private static final SimConfig CONFIG =
      SimConfig.builder(2027, 3000, 6).tactics(Tactic.parse("all")).build();
  private static World world;
  private static List<Event> events;

  @BeforeAll
  static void generate() {
    world = World.generate(CONFIG);
    List<Event> all = new ArrayList<>();
    world.forEachEvent(all::add);
    events = List.copyOf(all);
  }

  /** The entities of a tactic's group that play {@code role} in the truth. */
  private static Set<String> playing(
      Map<String, Set<String>> groups, String group, EntityKind kind, Role role) {
    Set<String> out = new HashSet<>();
    for (String key : groups.getOrDefault(group, Set.of())) {
      if (key.startsWith(kind.wireName() + ":")) {
        String entity = key.substring(kind.wireName().length() + 1);
        LabelEvent l = world.truth().labelOf(kind, entity);
        if (l != null && l.role() == role) {
          out.add(entity);
        }
      }
    }
    return out;
  }

  @Test
  void rentedOldCards_areResidentsYearsOldCardsMostlyAnsweredSometimesCalledBack() {
    Set<String> rented =
        playing(world.tacticActors(), "rented_old_cards", EntityKind.PHONE, Role.FRAUD_NUMBER);
    assertThat(rented).isNotEmpty();
    for (Event e : events) {
      if (e instanceof OpeningEvent o && rented.contains(o.account())) {
        assertThat(o.ts()).as(o.account()).isLessThan(CONFIG.startMillis() - 365 * 24 * HOUR);
      }
    }
    long placed =
        events.stream()
            .filter(
                e ->
                    e instanceof CallEvent c
                        && rented.contains(c.caller())
                        && c.ts() >= CONFIG.startMillis())
            .count();
    long answered =
        events.stream()
            .filter(
                e ->
                    e instanceof CallEvent c
                        && rented.contains(c.caller())
                        && c.ts() >= CONFIG.startMillis()
                        && c.durationS() > 0)
            .count();
    long calledBack =
        events.stream()
            .filter(e -> e instanceof CallEvent c && rented.contains(c.callee()))
            .count();
    assertThat(placed).isGreaterThan(50);
    assertThat((double) answered / placed).isGreaterThan(0.4);
    assertThat(calledBack).isPositive();
  }

  @Test
  void slowMules_holdForHoursThenForwardInPieces() {
    Set<String> slow = playing(world.tacticActors(), "slow_mules", EntityKind.ACCOUNT, Role.MULE);
    Set<String> mules = world.truth().entities(EntityKind.ACCOUNT, Role.MULE);
    assertThat(slow).isNotEmpty();
    int forwarded = 0;
    for (String m : slow) {
      List<TransferEvent> in = new ArrayList<>();
      List<TransferEvent> out = new ArrayList<>();
      for (Event e : events) {
        if (e instanceof TransferEvent t && t.to().equals(m) && !mules.contains(t.from())) {
          in.add(
              t); // victims' money (the owner's own income aside, which comes from nobody labelled)
        } else if (e instanceof TransferEvent t && t.from().equals(m) && mules.contains(t.to())) {
          out.add(t);
        }
      }
      if (in.isEmpty() || out.isEmpty()) {
        continue;
      }
      long firstIn = in.stream().mapToLong(TransferEvent::ts).min().orElseThrow();
      long firstOut = out.stream().mapToLong(TransferEvent::ts).min().orElseThrow();
      assertThat(firstOut - firstIn).as(m).isGreaterThanOrEqualTo(6 * HOUR);
      forwarded++;
      assertThat(out.size()).as(m).isGreaterThanOrEqualTo(2);
    }
    assertThat(forwarded).isPositive();
  }

  @Test
  void cashOutDesks_arePaidByOrdinaryTransfersAndAtmsAreUsedInOtherRegions() {
    Set<String> group =
        playing(world.tacticActors(), "cash_out_desks", EntityKind.ACCOUNT, Role.MULE);
    Set<String> mules = world.truth().entities(EntityKind.ACCOUNT, Role.MULE);
    Map<String, String> homeRegion = new HashMap<>();
    int toDesks = 0;
    int remoteAtm = 0;
    for (Event e : events) {
      if (!(e instanceof TransferEvent t)) {
        continue;
      }
      if (group.contains(t.to()) && mules.contains(t.from())) {
        assertThat(t.channel()).as(t.id()).isIn(Channel.MOBILE, Channel.ONLINE);
        toDesks++;
      }
      if (t.channel() != Channel.ATM && t.region() != null) {
        homeRegion.putIfAbsent(t.from(), t.region());
      }
      if (group.contains(t.from())
          && t.channel() == Channel.ATM
          && t.region() != null
          && !t.region().equals(homeRegion.get(t.from()))) {
        remoteAtm++;
      }
    }
    assertThat(toDesks).isPositive();
    assertThat(remoteAtm).isPositive();
  }

  @Test
  void rebates_reachTheVictimBeforeTheirFirstPayment() {
    Set<String> victims = playing(world.tacticActors(), "rebates", EntityKind.PHONE, Role.VICTIM);
    Set<String> mules = world.truth().entities(EntityKind.ACCOUNT, Role.MULE);
    assertThat(victims).isNotEmpty();
    for (String v : victims) {
      Long firstPayment = null;
      Long firstRebate = null;
      Set<String> ownAccounts = new HashSet<>();
      for (Event e : events) {
        if (e instanceof TransferEvent t && v.equals(t.fromPhone()) && mules.contains(t.to())) {
          ownAccounts.add(t.from());
          firstPayment = firstPayment == null ? t.ts() : firstPayment;
        }
      }
      for (Event e : events) {
        if (e instanceof TransferEvent t
            && mules.contains(t.from())
            && ownAccounts.contains(t.to())) {
          firstRebate = firstRebate == null ? t.ts() : firstRebate;
        }
      }
      assertThat(firstRebate).as(v).isNotNull();
      assertThat(firstRebate).as(v).isLessThan(firstPayment);
    }
  }

  @Test
  void callCentre_opensItsLinesInOneVisitThenCallsAllDay() {
    Set<String> lines = phones(world.normalActors().get("call_centre"));
    assertThat(lines).hasSizeGreaterThanOrEqualTo(8);
    Set<String> devices = new HashSet<>();
    Map<String, Integer> calls = new HashMap<>();
    int longCalls = 0;
    for (Event e : events) {
      if (e instanceof OpeningEvent o && lines.contains(o.account())) {
        assertThat(o.ts()).isLessThan(CONFIG.startMillis());
        devices.add(o.device());
      } else if (e instanceof CallEvent c && lines.contains(c.caller())) {
        calls.merge(c.caller(), 1, Integer::sum);
        longCalls += c.durationS() >= 300 ? 1 : 0;
      }
    }
    assertThat(devices).hasSize(1);
    assertThat(calls.keySet()).isEqualTo(lines);
    assertThat(calls.values()).allMatch(n -> n > 100);
    assertThat(longCalls).isPositive();
    for (String line : lines) {
      assertThat(world.truth().labelOf(EntityKind.PHONE, line).role()).isEqualTo(Role.NORMAL);
    }
  }

  @Test
  void relativeAsks_moneyFollowsALongCallFromTheNewNumber() {
    Set<String> group = world.normalActors().get("relative_asks");
    Set<String> phones = phones(group);
    int paid = 0;
    for (Event e : events) {
      if (e instanceof TransferEvent t
          && group.contains("account:" + t.to())
          && phones.contains(t.fromPhone())) {
        boolean asked =
            events.stream()
                .anyMatch(
                    x ->
                        x instanceof CallEvent c
                            && c.callee().equals(t.fromPhone())
                            && phones.contains(c.caller())
                            && c.durationS() >= 360
                            && c.ts() < t.ts()
                            && c.ts() > t.ts() - 3 * HOUR);
        assertThat(asked).as(t.id()).isTrue();
        paid++;
      }
    }
    assertThat(paid).isGreaterThanOrEqualTo(2);
  }

  @Test
  void numberChanges_manyCardsOpenedAndGivenUpThenASecondLineHeld() {
    Set<String> group = world.normalActors().get("number_changes");
    Set<String> holders = new HashSet<>();
    group.stream()
        .filter(k -> k.startsWith("holder:"))
        .forEach(k -> holders.add(k.substring("holder:".length())));
    Set<String> lines = phones(group);
    assertThat(holders).hasSizeGreaterThanOrEqualTo(3);
    for (String holder : holders) {
      Map<String, Integer> held = new HashMap<>(); // phone card → 1 opened, 0 closed
      int opened = 0;
      int most = 0;
      for (Event e : events) {
        if (e instanceof OpeningEvent o
            && o.kind() == OpeningKind.SIM
            && o.holder().equals(holder)) {
          opened++;
          held.put(o.account(), 1);
        } else if (e instanceof ClosingEvent c && c.holder().equals(holder)) {
          assertThat(held).as("a card closed was opened first").containsKey(c.account());
          held.put(c.account(), 0);
        }
        most = Math.max(most, held.values().stream().mapToInt(Integer::intValue).sum());
      }
      assertThat(opened).as("more cards opened than a person may hold").isGreaterThan(5);
      assertThat(most).as("never more than the limit held").isLessThanOrEqualTo(3);
      assertThat(held.values().stream().mapToInt(Integer::intValue).sum())
          .as("the present card and the second line")
          .isEqualTo(2);
      assertThat(world.truth().labelOf(EntityKind.HOLDER, holder).role()).isEqualTo(Role.NORMAL);
    }
    for (Event e : events) {
      if (e instanceof OpeningEvent o && lines.contains(o.account())) {
        assertThat(o.ts())
            .as("the second line is opened during the run")
            .isGreaterThanOrEqualTo(CONFIG.startMillis());
      }
    }
  }

  @Test
  void smsSpread_residentsNumbersSendFraudMessagesForAFewDays() {
    Set<String> blasters =
        playing(world.tacticActors(), "sms_spread", EntityKind.PHONE, Role.FRAUD_NUMBER);
    assertThat(blasters).hasSizeGreaterThanOrEqualTo(8);
    Map<String, Set<Long>> days = new HashMap<>();
    for (Event e : events) {
      if (e instanceof OpeningEvent o && blasters.contains(o.account())) {
        assertThat(o.ts()).as(o.account()).isLessThan(CONFIG.startMillis() - 365 * 24 * HOUR);
      }
      if (e instanceof SmsEvent m && blasters.contains(m.sender()) && m.text().contains("http")) {
        days.computeIfAbsent(m.sender(), k -> new HashSet<>())
            .add((m.ts() - CONFIG.startMillis()) / (24 * HOUR));
      }
    }
    assertThat(days.keySet()).isEqualTo(blasters);
    assertThat(days.values()).allMatch(d -> d.size() <= 3);
  }

  @Test
  void courtship_daysOfMessagesBeforeTheCallAndPaymentsDaysApart() {
    Set<String> courted = playing(world.tacticActors(), "courtship", EntityKind.PHONE, Role.VICTIM);
    Set<String> mules = world.truth().entities(EntityKind.ACCOUNT, Role.MULE);
    assertThat(courted).isNotEmpty();
    int spread = 0;
    for (String v : courted) {
      List<Long> payments = new ArrayList<>();
      Set<Long> chatDays = new HashSet<>();
      for (Event e : events) {
        if (e instanceof SmsEvent m
            && (m.receiver().equals(v) || m.sender().equals(v))
            && world
                .truth()
                .entities(EntityKind.PHONE, Role.FRAUD_NUMBER)
                .contains(m.receiver().equals(v) ? m.sender() : m.receiver())) {
          chatDays.add((m.ts() - CONFIG.startMillis()) / (24 * HOUR));
        }
        if (e instanceof TransferEvent t && v.equals(t.fromPhone()) && mules.contains(t.to())) {
          payments.add(t.ts());
        }
      }
      assertThat(payments).as(v).isNotEmpty();
      if (chatDays.size() >= 2) {
        spread++;
      }
      for (int k = 1; k < payments.size(); k++) {
        assertThat(payments.get(k) - payments.get(k - 1)).as(v).isGreaterThanOrEqualTo(18 * HOUR);
      }
    }
    assertThat(spread).isPositive();
  }

  @Test
  void linkThenShopping_aFraudLinkVisitedThenOrdinaryPurchases() {
    Set<String> people = phones(world.normalActors().get("link_then_shopping"));
    Set<String> fraudNumbers = world.truth().entities(EntityKind.PHONE, Role.FRAUD_NUMBER);
    int shopped = 0;
    for (String p : people) {
      Long visited = null;
      for (Event e : events) {
        if (e instanceof DeviceEvent d
            && d.subscriber().equals(p)
            && d.kind() == DeviceSignal.URL_VISIT
            && events.stream()
                .anyMatch(
                    x ->
                        x instanceof SmsEvent m
                            && m.receiver().equals(p)
                            && fraudNumbers.contains(m.sender())
                            && m.text().contains(d.target()))) {
          visited = d.ts();
        }
        if (visited != null
            && e instanceof TransferEvent t
            && p.equals(t.fromPhone())
            && t.ts() > visited
            && t.amountFen() < 200_00L) {
          shopped++;
          break;
        }
      }
    }
    assertThat(shopped).isGreaterThanOrEqualTo(2);
  }

  @Test
  void defaultCity_hasNoTactics() {
    World plain = World.generate(SimConfig.of(2027, 3000, 2));

    assertThat(plain.config().tactics()).isEmpty();
    assertThat(plain.tacticActors()).isEmpty();
    assertThat(plain.normalActors())
        .doesNotContainKeys("call_centre", "relative_asks", "link_then_shopping", "number_changes");
    List<Event> all = new ArrayList<>();
    plain.forEachEvent(all::add);
    assertThat(all).noneMatch(e -> e instanceof ClosingEvent);
  }

  @Test
  void parse_allNoneListAndUnknown() {
    assertThat(Tactic.parse("all")).containsExactly(Tactic.values());
    assertThat(Tactic.parse("none")).isEmpty();
    assertThat(Tactic.parse("slow_mules, rebates"))
        .containsExactlyInAnyOrder(Tactic.SLOW_MULES, Tactic.REBATES);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tactic.parse("slow_mule"))
        .hasMessageContaining("unknown tactic 'slow_mule'")
        .hasMessageContaining("slow_mules");
  }

  private static Set<String> phones(Set<String> keys) {
    Set<String> out = new HashSet<>();
    for (String k : keys) {
      if (k.startsWith("phone:")) {
        out.add(k.substring("phone:".length()));
      }
    }
    return out;
  }
}
