package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.engine.Scenario.DAY;
import static org.fanzha.engine.Scenario.HOUR;
import static org.fanzha.engine.Scenario.MINUTE;
import static org.fanzha.engine.Scenario.T0;
import static org.fanzha.engine.Scenario.account;
import static org.fanzha.engine.Scenario.holder;
import static org.fanzha.engine.Scenario.phone;

import java.util.List;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.reason.Reason;
import org.junit.jupiter.api.Test;

class EngineScenarioTest {

  private static List<String> codes(List<Reason> reasons) {
    return reasons.stream().map(Reason::code).toList();
  }

  private static EntityRisk risk(Scenario s, EntityKind kind, String id) {
    return s.engine()
        .entity(kind, id)
        .orElseThrow(() -> new AssertionError("no risk held for " + id));
  }

  @Test
  void process_simFarm_flagsEveryNumberAsFraudNumberAndTheHolderAsCardDealer() {
    Scenario s = new Scenario();
    List<String> farm = s.simFarmCalls(100, 5, 40, T0 - 8 * HOUR);
    for (String p : farm) {
      EntityRisk r = risk(s, EntityKind.PHONE, p);
      assertThat(r.level()).isIn(Level.HIGH, Level.CRITICAL);
      assertThat(r.roles()).contains(Role.FRAUD_NUMBER);
      assertThat(codes(r.reasons())).contains("PH_SHARED_IMEI", "PH_LOW_ANSWER", "PH_NEW_CARD");
    }
    EntityRisk dealer = risk(s, EntityKind.HOLDER, holder(9001));
    assertThat(dealer.roles()).contains(Role.CARD_DEALER);
    assertThat(codes(dealer.reasons())).contains("HO_FRAUD_LINKED_MANY");
    assertThat(risk(s, EntityKind.DEVICE, "IMEI-GOIP-100").reasons())
        .extracting(Reason::code)
        .contains("DV_MANY_PHONES");
  }

  @Test
  void process_courierWithCallbacks_isNotFlagged() {
    Scenario s = new Scenario();
    String courier = phone(7);
    s.opening(
        T0 - 900 * DAY, OpeningKind.SIM, courier, holder(7), null, "410400", null, null, "营业厅");
    for (int day = 0; day < 3; day++) {
      s.courierDay(courier, 1000, 120, T0 + day * DAY);
    }
    assertThat(s.engine().entity(EntityKind.PHONE, courier).map(EntityRisk::score).orElse(0))
        .isLessThan(40);
  }

  @Test
  void process_callCentreCallingStrangersInDaytime_staysBelowHigh() {
    Scenario s = new Scenario();
    String line = phone(8);
    s.opening(T0 - 2000 * DAY, OpeningKind.SIM, line, holder(8), null, "410400", null, null, "营业厅");
    int callee = 20_000;
    for (int day = 0; day < 3; day++) {
      for (int c = 0; c < 150; c++) {
        long ts = T0 + day * DAY + (c * 8 * HOUR) / 150;
        s.call(ts, line, phone(callee++), c % 5 < 3 ? 45 + c % 30 : 0, "IMEI-CC", "CELL-OFFICE");
      }
    }
    int score = s.engine().entity(EntityKind.PHONE, line).map(EntityRisk::score).orElse(0);
    assertThat(Level.of(Math.max(1, score))).isIn(Level.LOW, Level.MEDIUM);
  }

  /**
   * A call centre on new lines: strangers, few answer, nobody calls back; but those who answer talk
   * for minutes.
   */
  @Test
  void process_callCentreOnNewCardsWhosCallsLastMinutes_staysBelowHigh() {
    Scenario s = new Scenario();
    String line = phone(980);
    s.opening(T0 - 3 * DAY, OpeningKind.SIM, line, holder(980), null, "410400", null, null, "营业厅");
    for (int c = 0; c < 120; c++) {
      s.call(
          T0 + c * 4 * MINUTE,
          line,
          phone(40_000 + c),
          c % 10 < 3 ? 120 + (c % 7) * 40 : 0,
          "IMEI-980",
          "CELL-980");
    }
    EntityRisk held = s.engine().entity(EntityKind.PHONE, line).orElseThrow();
    assertThat(held.level()).isIn(Level.LOW, Level.MEDIUM);
    assertThat(held.reasons())
        .extracting(Reason::code)
        .contains("PH_CONVERSATIONS", "PH_LOW_ANSWER");
  }

  /**
   * A new card cold-calling strangers scores high on behaviour alone (a call centre on new lines
   * does that too): its long call opens a quiet episode, no warning; once a report ties the number
   * to fraud, the episode is warned.
   */
  @Test
  void process_longCallFromANumberSuspectedOnBehaviourAlone_warnsOnlyOnceTheNumberIsTiedToFraud() {
    Scenario s = new Scenario();
    String caller = phone(970);
    String person = phone(971);
    s.opening(
        T0 - 2 * DAY, OpeningKind.SIM, caller, holder(970), null, "410400", null, null, "营业厅");
    for (int c = 0; c < 40; c++) {
      s.call(
          T0 + c * 3 * MINUTE,
          caller,
          phone(30_000 + c),
          c % 5 == 0 ? 8 + c % 10 : 0,
          "IMEI-970",
          "CELL-970");
    }
    EntityRisk held = s.engine().entity(EntityKind.PHONE, caller).orElseThrow();
    assertThat(held.level()).isIn(Level.HIGH, Level.CRITICAL);
    assertThat(held.roles()).contains(Role.FRAUD_NUMBER);

    s.call(T0 + 3 * HOUR, caller, person, 900, "IMEI-970", "CELL-970");
    assertThat(s.warnings()).noneMatch(w -> person.equals(w.victimPhone()));

    s.report(T0 + 4 * HOUR, phone(60_970), TargetKind.PHONE, caller, null, 0);
    assertThat(s.warnings())
        .anyMatch(w -> person.equals(w.victimPhone()) && caller.equals(w.contact()));
  }

  @Test
  void process_holderOpeningManyCardsAcrossAgents_isCardDealerAndMarksItsAccountsAndDevice() {
    Scenario s = new Scenario();
    String h = holder(55);
    String[] agents = {"agent-A", "agent-B", "agent-C"};
    String[] regions = {"410400", "440300", "350200"};
    for (int k = 0; k < 6; k++) {
      s.opening(
          T0 + k * HOUR,
          OpeningKind.SIM,
          phone(500 + k),
          h,
          null,
          regions[k % 3],
          "DEV-X",
          "10.0.0.9",
          agents[k % 3]);
    }
    for (int k = 0; k < 4; k++) {
      s.opening(
          T0 + DAY + k * HOUR,
          OpeningKind.BANK_ACCOUNT,
          account(500 + k),
          h,
          phone(500 + k),
          regions[k % 3],
          "DEV-X",
          "10.0.0.9",
          agents[k % 3]);
    }
    EntityRisk r = risk(s, EntityKind.HOLDER, h);
    assertThat(r.roles()).contains(Role.CARD_DEALER);
    assertThat(r.level()).isIn(Level.HIGH, Level.CRITICAL);
    assertThat(codes(r.reasons())).contains("HO_MANY_SIMS", "HO_MANY_ACCOUNTS");
    for (int k = 0; k < 4; k++) {
      assertThat(codes(risk(s, EntityKind.ACCOUNT, account(500 + k)).reasons()))
          .contains("AC_DEALER_OPENED");
    }
    assertThat(codes(risk(s, EntityKind.DEVICE, "DEV-X").reasons())).contains("DV_DEALER_USED");
  }

  /** A fraud number three people reported independently: suspected before the victim's call. */
  private static String reportedFraudNumber(Scenario s, int n) {
    String f = phone(n);
    for (int k = 0; k < 3; k++) {
      s.report(T0 - DAY + k * HOUR, phone(60_000 + k), TargetKind.PHONE, f, null, 0);
    }
    return f;
  }

  /**
   * An honest number that calls strangers at length (a salesman) is linked by chance to one victim
   * early, then keeps calling strangers who never lose money: once its links no longer single it
   * out, its risk is judged again on what holds now instead of staying at its peak. A number whose
   * links stay specific keeps them.
   */
  @Test
  void process_aChanceVictimLinkDilutedByManyHonestLongCalls_isNoLongerHeld() {
    Scenario diluted = new Scenario();
    Scenario specific = new Scenario();
    for (Scenario s : List.of(diluted, specific)) {
      s.label(T0 - DAY, EntityKind.ACCOUNT, account(950), Role.MULE); // a confirmed mule
      s.call(T0, phone(910), phone(911), 900);
      s.transfer(
          T0 + 20 * MINUTE,
          account(911),
          account(950),
          30_000,
          phone(911)); // a loss after a long first call
    }
    EntityRisk linked = risk(diluted, EntityKind.PHONE, phone(910));
    assertThat(codes(linked.reasons())).contains("PH_VICTIM_LINK");
    assertThat(linked.roles()).contains(Role.FRAUD_NUMBER);

    for (int k = 0;
        k < 30;
        k++) { // the guard asks for one victim per ten long first calls; five a working day
      diluted.call(
          T0 + DAY + (k / 5) * DAY + (k % 5) * 90 * MINUTE, phone(910), phone(1_000 + k), 600);
    }
    for (int k = 0; k < 5; k++) {
      specific.call(T0 + DAY + k * 90 * MINUTE, phone(910), phone(1_000 + k), 600);
    }
    diluted.call(
        T0 + 8 * DAY, phone(910), phone(2_000), 30); // evaluated once more after the last long call
    specific.call(T0 + 8 * DAY, phone(910), phone(2_000), 30);

    java.util.Optional<EntityRisk> after =
        diluted.engine().entity(EntityKind.PHONE, phone(910)); // none held: score 0
    assertThat(after.map(EntityRisk::score).orElse(0)).isLessThan(linked.score());
    after.ifPresent(
        a -> {
          assertThat(codes(a.reasons())).doesNotContain("PH_VICTIM_LINK", "PH_VICTIM_LINKS");
          assertThat(a.roles()).doesNotContain(Role.FRAUD_NUMBER);
        });
    EntityRisk kept = risk(specific, EntityKind.PHONE, phone(910));
    assertThat(codes(kept.reasons())).contains("PH_VICTIM_LINK");
    assertThat(kept.score()).isGreaterThanOrEqualTo(linked.score());
  }

  /**
   * The keyed order (decision 0023): a victim's payment is decided on as the payee stood before it,
   * and the victim delayed; the money is counted against the payee right after, so its next
   * decision holds it.
   */
  @Test
  void process_victimPaysANewAccount_theVictimMoneyCountsFromThePayeesNextDecision() {
    Scenario s = new Scenario();
    String f = reportedFraudNumber(s, 920);
    String victim = phone(921);
    s.victimReceivesCall(T0, f, victim, 1500);
    assertThat(s.engine().entity(EntityKind.ACCOUNT, account(20))).isEmpty();

    Decision paid = s.transfer(T0 + 40 * MINUTE, account(921), account(20), 50_000, victim);

    assertThat(paid.entity()).isEqualTo(victim);
    assertThat(paid.action()).isEqualTo(Action.DELAY);
    assertThat(s.warnings())
        .anyMatch(w -> victim.equals(w.victimPhone()) && account(921).equals(w.victimAccount()));
    assertThat(codes(risk(s, EntityKind.ACCOUNT, account(20)).reasons()))
        .contains("AC_VICTIM_FUNDS");
    assertThat(codes(risk(s, EntityKind.PHONE, f).reasons())).contains("PH_VICTIM_LINK");
    Decision next = s.transfer(T0 + 45 * MINUTE, account(20), account(21), 49_000, null);
    assertThat(next.entity()).isEqualTo(account(20));
    assertThat(codes(next.reasons())).contains("AC_VICTIM_FUNDS");
  }

  /**
   * A person's standing as a victim is kept apart from their number's (decision 0023): the look-up
   * shows them a victim, their own calls are judged as before, and a long first call they make
   * opens no episode for the callee.
   */
  @Test
  void process_aVictimsStandingIsNotHeldAgainstTheirNumber() {
    Scenario s = new Scenario();
    String f = reportedFraudNumber(s, 930);
    String victim = phone(931);
    s.opening(
        T0 - 900 * DAY, OpeningKind.SIM, victim, holder(931), null, "410400", null, null, "营业厅");
    s.victimReceivesCall(T0, f, victim, 1500);
    Decision paid = s.transfer(T0 + 40 * MINUTE, account(931), account(30), 50_000, victim);
    assertThat(paid.entity()).isEqualTo(victim);
    assertThat(codes(paid.reasons())).contains("VI_PAID").doesNotContain("PH_ESTABLISHED");
    EntityRisk held = risk(s, EntityKind.PHONE, victim);
    assertThat(held.roles()).contains(Role.VICTIM);
    assertThat(held.level()).isIn(Level.HIGH, Level.CRITICAL);

    String friend = phone(932);
    Decision call = s.call(T0 + 2 * HOUR, victim, friend, 1200);
    assertThat(call.score()).isLessThan(40); // the number itself: an old card calling a friend
    s.device(T0 + 2 * HOUR + 10 * MINUTE, friend, DeviceSignal.SCREEN_SHARE, "meeting");
    assertThat(s.warnings()).noneMatch(w -> friend.equals(w.victimPhone()));
  }

  @Test
  void process_victimPaysAfterHookCall_warnsAndFlagsTheMuleChain() {
    Scenario s = new Scenario();
    String f = reportedFraudNumber(s, 900);
    String victim = phone(901);
    s.victimReceivesCall(T0, f, victim, 1500);
    s.transfer(T0 + 40 * MINUTE, account(901), account(1), 50_000, victim);
    s.transfer(T0 + 48 * MINUTE, account(1), account(2), 49_000, null);
    s.transfer(T0 + 55 * MINUTE, account(2), account(3), 48_500, null);
    s.cashOut(T0 + 70 * MINUTE, account(3), 20_000);

    EntityRisk m1 = risk(s, EntityKind.ACCOUNT, account(1));
    assertThat(m1.roles()).contains(Role.MULE);
    assertThat(m1.level()).isIn(Level.HIGH, Level.CRITICAL);
    assertThat(codes(m1.reasons())).contains("AC_VICTIM_FUNDS", "AC_FAST_IN_OUT");
    EntityRisk m2 = risk(s, EntityKind.ACCOUNT, account(2));
    assertThat(m2.roles()).contains(Role.MULE);
    assertThat(codes(m2.reasons())).contains("AC_FROM_MULE");
    assertThat(risk(s, EntityKind.ACCOUNT, account(3)).roles()).contains(Role.MULE);

    List<Warning> w = s.warnings();
    assertThat(w).isNotEmpty();
    Warning last = w.get(w.size() - 1);
    assertThat(last.victimPhone()).isEqualTo(victim);
    assertThat(last.victimAccount()).isEqualTo(account(901));
    assertThat(last.severity()).isIn(Level.HIGH, Level.CRITICAL);
    assertThat(last.evidence()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(risk(s, EntityKind.PHONE, victim).roles()).contains(Role.VICTIM);
    assertThat(codes(risk(s, EntityKind.PHONE, f).reasons())).contains("PH_VICTIM_LINK");
  }

  @Test
  void process_screenShareDuringHookCall_raisesWarningWithCallAsEvidence() {
    Scenario s = new Scenario();
    String f = reportedFraudNumber(s, 910);
    String victim = phone(911);
    Decision call = s.victimReceivesCall(T0, f, victim, 900);
    Decision share =
        s.device(T0 + 16 * MINUTE, victim, DeviceSignal.SCREEN_SHARE, "com.example.meeting");
    List<Warning> w = s.warnings();
    assertThat(w).isNotEmpty();
    Warning last = w.get(w.size() - 1);
    assertThat(last.severity()).isIn(Level.HIGH, Level.CRITICAL);
    assertThat(last.evidence()).contains(call.eventId(), share.eventId());
    assertThat(share.entity()).isEqualTo(victim);
    assertThat(share.action()).isEqualTo(Action.WARN);
    assertThat(codes(share.reasons())).contains("VI_REMOTE");
  }

  @Test
  void process_screenShareWithoutPriorContact_raisesNoWarning() {
    Scenario s = new Scenario();
    s.call(T0, phone(921), phone(922), 600);
    s.device(T0 + 3 * HOUR, phone(922), DeviceSignal.SCREEN_SHARE, "com.example.meeting");
    assertThat(s.warnings()).isEmpty();
  }

  /** Whether any warning so far names {@code phone}. */
  private static boolean warned(List<Warning> warnings, String phone) {
    return warnings.stream().anyMatch(w -> phone.equals(w.victimPhone()));
  }

  @Test
  void process_colleagueCallThenWorkScreenShare_raisesNoWarningNorHoldsAVictim() {
    Scenario s = new Scenario();
    String colleague = phone(960);
    String worker = phone(961);
    s.opening(
        T0 - 1500 * DAY,
        OpeningKind.SIM,
        colleague,
        holder(960),
        null,
        "410400",
        null,
        null,
        "营业厅");
    String canteen = account(965); // a stall that opened its account last week
    s.opening(
        T0 - 5 * DAY,
        OpeningKind.PAYMENT_ACCOUNT,
        canteen,
        holder(965),
        phone(965),
        "410400",
        null,
        null,
        "app");
    s.call(T0, colleague, worker, 1800); // a first contact in the short history the engine has seen
    s.device(T0 + 6 * MINUTE, worker, DeviceSignal.SCREEN_SHARE, "com.meeting.cloudroom");
    s.transfer(
        T0 + 40 * MINUTE,
        account(961),
        canteen,
        35,
        worker); // lunch after the meeting: a small sum
    assertThat(s.warnings()).isEmpty();
    // a screen share after a call from nobody suspected does not make the worker a high-risk victim
    s.engine()
        .entity(EntityKind.PHONE, worker)
        .ifPresent(
            r -> {
              assertThat(r.roles()).doesNotContain(Role.VICTIM);
              assertThat(r.level()).isIn(Level.LOW, Level.MEDIUM);
            });
  }

  @Test
  void process_relativeRemoteHelpThenBillToAnOldShop_raisesNoWarning() {
    Scenario s = new Scenario();
    String child = phone(962);
    String parent = phone(963);
    String shop = account(963);
    s.opening(
        T0 - 3000 * DAY,
        OpeningKind.BANK_ACCOUNT,
        shop,
        holder(964),
        phone(964),
        "410400",
        null,
        null,
        "柜面");
    s.call(T0, child, parent, 900);
    s.device(T0 + 5 * MINUTE, parent, DeviceSignal.REMOTE_CONTROL, "com.remote.helperdesk");
    s.transfer(T0 + 15 * MINUTE, account(962), shop, 650, parent);
    assertThat(s.warnings()).isEmpty();
  }

  @Test
  void process_unknownCallerBecomesSuspectedAfterTheScreenShare_warnsBeforeThePayment() {
    Scenario s = new Scenario();
    String caller = phone(970);
    String victim = phone(971);
    Decision call = s.call(T0, caller, victim, 2400);
    Decision share =
        s.device(T0 + 5 * MINUTE, victim, DeviceSignal.SCREEN_SHARE, "com.meeting.cloudroom");
    assertThat(s.warnings()).isEmpty(); // nothing against the caller yet: no warning
    for (int k = 0; k < 3; k++) {
      s.report(T0 + (8 + k) * MINUTE, phone(71_000 + k), TargetKind.PHONE, caller, null, 0);
    }
    List<Warning> w = s.warnings();
    assertThat(w).hasSize(1);
    assertThat(w.get(0).victimPhone()).isEqualTo(victim);
    assertThat(w.get(0).severity()).isIn(Level.HIGH, Level.CRITICAL);
    assertThat(w.get(0).evidence()).contains(call.eventId(), share.eventId());
    assertThat(risk(s, EntityKind.PHONE, victim).roles()).contains(Role.VICTIM);

    Decision pay = s.transfer(T0 + 20 * MINUTE, account(971), account(972), 30_000, victim);
    List<Warning> after = s.warnings();
    assertThat(after).hasSize(2);
    assertThat(after.get(1).severity()).isEqualTo(Level.CRITICAL);
    assertThat(after.get(1).victimAccount()).isEqualTo(account(971));
    assertThat(after.get(1).evidence()).contains(pay.eventId());
  }

  @Test
  void process_unknownCallerScreenShareThenMoneyToANewAccount_warnsOnThePayment() {
    Scenario s = new Scenario();
    String caller = phone(980);
    String victim = phone(981);
    String fresh = account(982);
    s.opening(
        T0 - 3 * DAY,
        OpeningKind.BANK_ACCOUNT,
        fresh,
        holder(982),
        phone(982),
        "440300",
        null,
        null,
        "柜面");
    Decision call = s.call(T0, caller, victim, 2400);
    s.device(T0 + 5 * MINUTE, victim, DeviceSignal.SCREEN_SHARE, "com.meeting.cloudroom");
    assertThat(s.warnings()).isEmpty();
    Decision pay = s.transfer(T0 + 12 * MINUTE, account(981), fresh, 20_000, victim);
    List<Warning> w = s.warnings();
    assertThat(warned(w, victim)).isTrue();
    Warning last = w.get(w.size() - 1);
    assertThat(last.severity()).isIn(Level.HIGH, Level.CRITICAL);
    assertThat(last.victimAccount()).isEqualTo(account(981));
    assertThat(last.evidence()).contains(call.eventId(), pay.eventId());
  }

  @Test
  void process_unknownCallerScreenShareThenALargeSumToAnOldAccount_warnsOnThePayment() {
    Scenario s = new Scenario();
    String caller = phone(985);
    String victim = phone(986);
    String rented = account(987); // a resident's old card rented to a gang looks like any other
    s.opening(
        T0 - 2000 * DAY,
        OpeningKind.BANK_ACCOUNT,
        rented,
        holder(987),
        phone(987),
        "410400",
        null,
        null,
        "柜面");
    s.call(T0, caller, victim, 3000);
    s.device(T0 + 6 * MINUTE, victim, DeviceSignal.SCREEN_SHARE, "com.meeting.cloudroom");
    s.transfer(T0 + 14 * MINUTE, account(986), rented, 22_000, victim);
    List<Warning> w = s.warnings();
    assertThat(w).hasSize(1);
    assertThat(w.get(0).victimPhone()).isEqualTo(victim);
    assertThat(w.get(0).victimAccount()).isEqualTo(account(986));
  }

  @Test
  void process_reportsFromOneOrSeveralPeople_weighDifferently() {
    Scenario s = new Scenario();
    String once = phone(930);
    String thrice = phone(931);
    String sameReporter = phone(932);
    s.report(T0, phone(70_000), TargetKind.PHONE, once, null, 0);
    for (int k = 0; k < 3; k++) {
      s.report(T0 + k * MINUTE, phone(70_001 + k), TargetKind.PHONE, thrice, null, 0);
      s.report(T0 + k * MINUTE, phone(70_010), TargetKind.PHONE, sameReporter, null, 0);
    }
    int one = risk(s, EntityKind.PHONE, once).score();
    int three = risk(s, EntityKind.PHONE, thrice).score();
    int same = risk(s, EntityKind.PHONE, sameReporter).score();
    assertThat(Level.of(one)).isEqualTo(Level.MEDIUM);
    assertThat(three).isGreaterThan(one);
    assertThat(Level.of(three)).isIn(Level.HIGH, Level.CRITICAL);
    assertThat(same).isEqualTo(one);
  }

  @Test
  void process_labelFraudNumberThenNormal_listsThenClearsAtOnce() {
    Scenario s = new Scenario();
    String p = phone(940);
    Decision listed = s.label(T0, EntityKind.PHONE, p, Role.FRAUD_NUMBER);
    assertThat(listed.level()).isEqualTo(Level.CRITICAL);
    assertThat(listed.action()).isEqualTo(Action.HOLD);
    assertThat(s.engine().lists().mightBeListed(EntityKind.PHONE, p)).isTrue();
    assertThat(s.call(T0 + MINUTE, p, phone(941), 0).score()).isGreaterThanOrEqualTo(90);

    s.label(T0 + HOUR, EntityKind.PHONE, p, Role.NORMAL);
    assertThat(s.engine().lists().mightBeListed(EntityKind.PHONE, p)).isFalse();
    assertThat(s.engine().entity(EntityKind.PHONE, p)).isEmpty();
    assertThat(s.call(T0 + 2 * HOUR, p, phone(942), 0).isNone()).isTrue();
  }

  @Test
  void process_farmNumberAfterTheWindow_scoresOnlyWhatIsLeftInTheWindow() {
    Scenario s = new Scenario();
    List<String> farm = s.simFarmCalls(300, 4, 30, T0);
    Decision during = s.decisions().get(s.decisions().size() - 1);
    Decision later = s.call(T0 + 3 * DAY, farm.get(0), phone(999_999), 60);
    assertThat(during.score()).isGreaterThanOrEqualTo(70);
    assertThat(codes(later.reasons())).doesNotContain("PH_LOW_ANSWER", "PH_SHARED_IMEI");
    assertThat(later.score()).isLessThan(during.score());
    // the held risk is the peak: it stands until reviewed
    assertThat(risk(s, EntityKind.PHONE, farm.get(0)).score()).isEqualTo(during.score());
  }

  @Test
  void riskiest_ordersByScoreAndRespectsTheLimit() {
    Scenario s = new Scenario();
    s.simFarmCalls(400, 4, 30, T0);
    s.report(T0, phone(70_100), TargetKind.PHONE, phone(950), null, 0);
    List<EntityRisk> top = s.engine().riskiest(3);
    assertThat(top).hasSize(3);
    assertThat(top)
        .extracting(EntityRisk::score)
        .isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    int[] all = {0};
    s.engine().forEachRisk(r -> all[0]++);
    assertThat(all[0]).isGreaterThan(3);
  }

  @Test
  void stats_countEachEventUnderItsOwnType() {
    Scenario s = new Scenario();
    for (int i = 0; i < 3; i++) {
      s.call(T0 + i * 60_000L, phone(600 + i), phone(700 + i), 30);
    }
    for (int i = 0; i < 5; i++) {
      s.sms(T0 + i * 60_000L, phone(600 + i), phone(800 + i), "晚上一起吃饭吗");
    }
    for (int i = 0; i < 7; i++) {
      s.transfer(T0 + i * 60_000L, account(600 + i), account(700 + i), 100, phone(600 + i));
    }
    for (int i = 0; i < 2; i++) {
      s.device(T0 + i * 60_000L, phone(600 + i), DeviceSignal.APP_INSTALL, "com.example.x");
    }
    EngineStats st = s.engine().stats();
    assertThat(st.eventsByType())
        .containsEntry(org.fanzha.core.event.EventType.CALL, 3L)
        .containsEntry(org.fanzha.core.event.EventType.SMS, 5L)
        .containsEntry(org.fanzha.core.event.EventType.TRANSFER, 7L)
        .containsEntry(org.fanzha.core.event.EventType.DEVICE, 2L);
  }

  @Test
  void stats_countEventsDecisionsAndEntities() {
    Scenario s = new Scenario();
    s.simFarmCalls(500, 3, 25, T0);
    EngineStats st = s.engine().stats();
    assertThat(st.eventsByType().get(org.fanzha.core.event.EventType.CALL)).isEqualTo(75L);
    assertThat(st.eventsByType().get(org.fanzha.core.event.EventType.OPENING)).isEqualTo(3L);
    assertThat(st.entitiesTracked().get(EntityKind.PHONE)).isEqualTo(3 + 75);
    assertThat(st.decisionsByLevel().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(s.decisions().stream().filter(d -> !d.isNone()).count());
    assertThat(st.featureBytesPerEntity().get(EntityKind.PHONE)).isLessThanOrEqualTo(256);
    assertThat(st.featureBytesPerEntity().get(EntityKind.ACCOUNT)).isLessThanOrEqualTo(256);
    assertThat(st.approxStateBytes()).isPositive();
  }
}
