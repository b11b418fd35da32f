package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fanzha.engine.Scenario.DAY;
import static org.fanzha.engine.Scenario.HOUR;
import static org.fanzha.engine.Scenario.MINUTE;
import static org.fanzha.engine.Scenario.T0;
import static org.fanzha.engine.Scenario.account;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleFileException;
import org.junit.jupiter.api.Test;

/**
 * A rule book swapped in between two events scores the next event, keeps the state, and survives a
 * snapshot.
 */
class EngineRuleSwapTest {

  /** The example: a large transfer at night into an account opened this week. */
  static final String NIGHT_LARGE_NEW =
      """
      rules:
        - code: AC_NIGHT_LARGE_NEW
          applies_to: account
          role: mule
          weight: 70
          when: event.type == "transfer" && event.amount >= 49000 && event.hour < 6 && features.age_days >= 0 && features.age_days < 7
          reason: {zh: "夜间大额转入本周新开账户", en: "A large sum at night into an account opened this week"}
      """;

  private static RuleBook shippedPlus(String yaml) throws RuleFileException {
    String shipped = RuleBook.defaultText();
    return RuleBook.parse(
        shipped
            + yaml.substring(yaml.indexOf('\n') + 1)); // append the new rules to the shipped list
  }

  @Test
  void useRules_theNextMatchingTransferCarriesTheNewRulesReason() throws RuleFileException {
    Scenario s = new Scenario();
    long night = T0 - T0 % DAY + DAY - 8 * HOUR + 2 * HOUR; // 02:00 Beijing time
    s.opening(
        night - 2 * DAY,
        OpeningKind.BANK_ACCOUNT,
        account(50),
        Scenario.holder(50),
        null,
        null,
        null,
        null,
        null);
    s.transfer(night, account(1), account(50), 50_000, null);
    assertThat(reasons(s, account(50))).doesNotContain("AC_NIGHT_LARGE_NEW");

    s.engine().useRules(shippedPlus(NIGHT_LARGE_NEW));
    Decision d = s.transfer(night + MINUTE, account(2), account(50), 50_000, null);

    assertThat(d.reasons()).extracting(Reason::code).contains("AC_NIGHT_LARGE_NEW");
    assertThat(reasons(s, account(50))).contains("AC_NIGHT_LARGE_NEW");
    // the same sum in the afternoon does not match
    Decision day = s.transfer(night + 12 * HOUR, account(3), account(51), 50_000, null);
    assertThat(day.reasons()).extracting(Reason::code).doesNotContain("AC_NIGHT_LARGE_NEW");
  }

  @Test
  void useRules_anEntityScoredUnderARetiredRuleStillExplainsItself_andSurvivesASnapshot()
      throws Exception {
    Scenario s = new Scenario();
    long night = T0 - T0 % DAY + DAY - 8 * HOUR + 2 * HOUR;
    s.opening(
        night - 2 * DAY,
        OpeningKind.BANK_ACCOUNT,
        account(60),
        Scenario.holder(60),
        null,
        null,
        null,
        null,
        null);
    s.engine().useRules(shippedPlus(NIGHT_LARGE_NEW));
    s.transfer(night, account(4), account(60), 50_000, null);
    s.engine().useRules(RuleBook.defaults()); // rolled back: the rule is gone

    assertThat(reasons(s, account(60))).contains("AC_NIGHT_LARGE_NEW");
    Engine restored = roundTrip(s.engine());
    assertThat(restored.entity(EntityKind.ACCOUNT, account(60)).orElseThrow().reasons())
        .extracting(Reason::code)
        .contains("AC_NIGHT_LARGE_NEW");
  }

  @Test
  void useRules_thresholdsTheEngineReadsChangeWithTheBook() throws RuleFileException {
    Scenario s = new Scenario();
    RuleBook longCalls = RuleBook.defaults().withParam("call.long_s", 60);
    s.engine().useRules(longCalls);
    assertThat(s.engine().rules().param("call.long_s")).isEqualTo(60);
    assertThatThrownBy(() -> RuleBook.parse("params: {call: {long_s: x}}\nrules: []\n"))
        .isInstanceOf(RuleFileException.class);
  }

  private static java.util.List<String> reasons(Scenario s, String account) {
    return s.engine()
        .entity(EntityKind.ACCOUNT, account)
        .map(r -> r.reasons().stream().map(Reason::code).toList())
        .orElse(java.util.List.of());
  }

  private static Engine roundTrip(Engine e) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    e.writeSnapshot(out);
    return Engine.readSnapshot(new ByteArrayInputStream(out.toByteArray()), e.config());
  }
}
