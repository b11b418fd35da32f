package org.fanzha.engine.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fanzha.engine.Scenario.DAY;
import static org.fanzha.engine.Scenario.HOUR;
import static org.fanzha.engine.Scenario.T0;

import java.util.List;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.Scenario;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleFileException;
import org.junit.jupiter.api.Test;

class SubscriberScoreTest {

  private static final String OLD = Scenario.phone(1);
  private static final String FRIEND = Scenario.phone(2);
  private static final String NEW = Scenario.phone(3);

  /** A card opened four years ago, used every day for 25 days, its calls answered and returned. */
  private static Scenario longStandingSubscriber(Scenario s) {
    s.opening(
        T0 - 4 * 365 * DAY,
        OpeningKind.SIM,
        OLD,
        Scenario.holder(1),
        null,
        null,
        null,
        null,
        "branch");
    for (int d = 25; d >= 1; d--) {
      s.call(T0 - d * DAY, OLD, FRIEND, 120);
    }
    s.call(T0 - 2 * HOUR, FRIEND, OLD, 60);
    s.call(T0 - HOUR, OLD, FRIEND, 90);
    return s;
  }

  /** A card opened two days ago by the same kind of opening, then reported twice. */
  private static Scenario reportedNewCard(Scenario s) {
    s.opening(
        T0 - 2 * DAY, OpeningKind.SIM, NEW, Scenario.holder(3), null, null, null, null, "online");
    s.call(T0 - HOUR, NEW, FRIEND, 30);
    s.report(T0 - 30 * 60_000, Scenario.phone(4), TargetKind.PHONE, NEW, null, 0);
    s.report(T0 - 20 * 60_000, Scenario.phone(5), TargetKind.PHONE, NEW, null, 0);
    return s;
  }

  private static List<String> codes(SubscriberScore s) {
    return s.lines().stream().map(l -> l.reason().code()).toList();
  }

  @Test
  void aLongStandingRealNameSubscriberUsedEveryDay_isInTheTopBandWithoutLimits() {
    SubscriberScore s =
        longStandingSubscriber(new Scenario()).engine().subscriber(OLD).orElseThrow();
    assertThat(codes(s))
        .contains("SUB_TENURE_LONG", "SUB_REAL_NAME", "SUB_REGULAR_USE", "SUB_CALLED_BACK");
    assertThat(s.band()).isEqualTo(Band.A);
    assertThat(s.score()).isBetween(80, 100);
    assertThat(s.limits().any()).isFalse();
    assertThat(s.callsLastDay()).isEqualTo(1);
  }

  @Test
  void aReportedNewCard_fallsToTheLowestBandWithItsCapsAndNoCallsAbroad() {
    SubscriberScore s = reportedNewCard(new Scenario()).engine().subscriber(NEW).orElseThrow();
    assertThat(codes(s))
        .contains("SUB_NEW_CARD", "SUB_REPORTED", "SUB_REAL_NAME")
        .doesNotContain("SUB_TENURE_LONG");
    assertThat(s.band()).isEqualTo(Band.D);
    assertThat(s.limits()).isEqualTo(new Limits(30, 30, false));
    // the score is the base plus the points of the lines met, shown largest effect first
    int points = s.lines().stream().mapToInt(ScoreLine::points).sum();
    assertThat(s.score()).isEqualTo(Math.max(0, Math.min(100, 50 + points)));
    assertThat(s.lines().get(0).points()).isNegative();
    assertThat(s.lines())
        .extracting(ScoreLine::reason)
        .extracting(Reason::textZh)
        .doesNotContainNull();
  }

  @Test
  void aNumberNeverMet_hasNoScore() {
    assertThat(longStandingSubscriber(new Scenario()).engine().subscriber(Scenario.phone(99)))
        .isEmpty();
  }

  @Test
  void subscriberLines_areNotCountedAsRuleHits() {
    Engine engine = reportedNewCard(new Scenario()).engine();
    engine.subscriber(NEW).orElseThrow();
    assertThat(engine.ruleHits())
        .containsKey("PH_REPORTED")
        .doesNotContainKeys("SUB_NEW_CARD", "SUB_REPORTED");
  }

  @Test
  void theScoreLinesAreData_aRuleFileChangesThemWithoutARebuild() throws RuleFileException {
    String text =
        RuleBook.defaultText()
            .replace("    base: 50\n", "    base: 30\n")
            .replace(
                "code: SUB_REPORTED\n    applies_to: subscriber\n    weight: -20",
                "code: SUB_REPORTED\n    applies_to: subscriber\n    weight: -5");
    Engine engine =
        new Engine(
            EngineConfig.defaults().with("pairs.log2_bits", 16).withRules(RuleBook.parse(text)));
    SubscriberScore shipped =
        reportedNewCard(new Scenario()).engine().subscriber(NEW).orElseThrow();
    SubscriberScore edited =
        reportedNewCard(new Scenario(engine)).engine().subscriber(NEW).orElseThrow();
    int shippedPoints = shipped.lines().stream().mapToInt(ScoreLine::points).sum();
    int editedPoints = edited.lines().stream().mapToInt(ScoreLine::points).sum();
    assertThat(editedPoints).isEqualTo(shippedPoints + 15);
    assertThat(edited.score()).isEqualTo(Math.max(0, Math.min(100, 30 + editedPoints)));
  }

  @Test
  void aSubscriberLine_readsNoEventAndNamesNoRole() {
    String withEvent =
        RuleBook.defaultText()
            + """
          - code: SUB_EVENT
            applies_to: subscriber
            weight: 5
            when: "event.amount > 10"
            reason: {zh: "测试", en: "test"}
        """;
    assertThatThrownBy(() -> RuleBook.parse(withEvent))
        .isInstanceOf(RuleFileException.class)
        .hasMessageContaining("unknown event field 'amount'");
    String withRole =
        RuleBook.defaultText()
            + """
          - code: SUB_ROLE
            applies_to: subscriber
            role: fraud_number
            weight: 5
            when: "features.reports > 0"
            reason: {zh: "测试", en: "test"}
        """;
    assertThatThrownBy(() -> RuleBook.parse(withRole))
        .isInstanceOf(RuleFileException.class)
        .hasMessageContaining("points to no role");
  }

  @Test
  void bandsOutOfOrder_areRefused() {
    String text = RuleBook.defaultText().replace("    band_b: 60\n", "    band_b: 90\n");
    assertThatThrownBy(() -> RuleBook.parse(text))
        .isInstanceOf(RuleFileException.class)
        .hasMessageContaining("subscriber.band_a");
  }

  @Test
  void aLowBandNumber_breaksItsCallCapOnlyPastIt_andMayNotCallAbroad() {
    Scenario s = reportedNewCard(new Scenario());
    int cap = s.engine().subscriber(NEW).orElseThrow().limits().callsPerDay();
    for (int i = 2; i <= cap; i++) { // the scenario's own call was the first
      s.call(T0 + i * 60_000, NEW, Scenario.phone(100 + i), 40);
    }
    SubscriberScore atCap = s.engine().subscriber(NEW).orElseThrow();
    assertThat(atCap.callsLastDay()).isEqualTo(cap);
    assertThat(atCap.breach(EventType.CALL, FRIEND)).isNull();
    assertThat(atCap.breach(EventType.CALL, "+447700900123"))
        .extracting(Reason::code)
        .isEqualTo("SUB_LIMIT_ABROAD");
    s.call(T0 + (cap + 1) * 60_000L, NEW, FRIEND, 40);
    SubscriberScore past = s.engine().subscriber(NEW).orElseThrow();
    assertThat(past.band()).isEqualTo(Band.D);
    assertThat(past.breach(EventType.CALL, FRIEND))
        .extracting(Reason::code)
        .isEqualTo("SUB_LIMIT_CALLS");
    assertThat(past.breach(EventType.SMS, FRIEND)).as("no message sent").isNull();
    assertThat(past.breach(EventType.TRANSFER, FRIEND)).isNull();
  }

  @Test
  void aTopBandNumber_breaksNoLimit() {
    Scenario s = longStandingSubscriber(new Scenario());
    for (int i = 0; i < 60; i++) {
      s.call(T0 + i * 60_000, OLD, Scenario.phone(200 + i), 40);
    }
    SubscriberScore score = s.engine().subscriber(OLD).orElseThrow();
    assertThat(score.callsLastDay()).isGreaterThan(30);
    assertThat(score.breach(EventType.CALL, "+447700900123")).isNull();
    assertThat(score.breach(EventType.CALL, FRIEND)).isNull();
  }
}
