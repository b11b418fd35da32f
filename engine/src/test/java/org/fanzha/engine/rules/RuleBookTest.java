package org.fanzha.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fanzha.engine.rules.file.RuleFileException;
import org.fanzha.engine.rules.file.RuleFileProblem;
import org.fanzha.engine.rules.file.RuleSpec;
import org.junit.jupiter.api.Test;

class RuleBookTest {

  private static List<RuleFileProblem> problems(String yaml) {
    try {
      RuleBook.parse(yaml);
    } catch (RuleFileException e) {
      return e.problems();
    }
    throw new AssertionError("no problem found");
  }

  @Test
  void defaults_everyShippedRuleHasAUniqueCodeAndReasonsInBothLanguages() {
    RuleBook b = RuleBook.defaults();
    Set<String> codes = new HashSet<>();
    int rules = 0;
    for (RuleSpec.Kind k : RuleSpec.Kind.values()) {
      for (Rule r : b.rules(k).rules()) {
        rules++;
        assertThat(codes.add(r.code())).as("duplicate " + r.code()).isTrue();
        assertThat(r.reason().textZh()).as(r.code()).matches(".*[\\u4e00-\\u9fff].*");
        assertThat(r.reason().textEn()).as(r.code()).matches("[A-Z].*");
      }
    }
    assertThat(rules).isEqualTo(92); // 72 that score entities, 20 lines of the subscriber score
    assertThat(b.params()).containsKeys(EngineParams.REQUIRED.toArray(String[]::new));
  }

  @Test
  void parse_paramsAFileLeavesOutKeepTheShippedValues() throws RuleFileException {
    RuleBook b =
        RuleBook.parse(
            """
        params:
          phone: {min_calls: 35}
        rules:
          - code: PH_BUSY
            applies_to: phone
            weight: 30
            when: features.out_calls >= params.phone.min_calls
            reason: {zh: "外呼多", en: "Busy"}
        """);
    assertThat(b.param("phone.min_calls")).isEqualTo(35);
    assertThat(b.param("victim.window_h")).isEqualTo(RuleBook.defaults().param("victim.window_h"));
    assertThat(b.rules(RuleSpec.Kind.PHONE).rules())
        .extracting(Rule::code)
        .containsExactly("PH_BUSY");
    assertThat(b.rules(RuleSpec.Kind.ACCOUNT).rules()).isEmpty();
  }

  @Test
  void parse_anAnalystsRuleOverTheEventAndFeatures() throws RuleFileException {
    RuleBook b =
        RuleBook.parse(
            """
        rules:
          - code: AC_NIGHT_LARGE_NEW
            applies_to: account
            role: mule
            weight: 60
            when: event.type == "transfer" && event.amount >= 49000 && event.hour < 6 && features.age_days >= 0 && features.age_days < 7
            reason: {zh: "夜间大额转入新开账户", en: "A large sum at night into an account opened this week"}
        """);
    assertThat(b.rules(RuleSpec.Kind.ACCOUNT).rules().get(0).when())
        .contains("event.amount >= 49000");
  }

  @Test
  void parse_conditionProblemsArePlacedOnTheirLineAndColumn() {
    List<RuleFileProblem> p =
        problems(
            """
        rules:
          - code: PH_TYPO
            applies_to: phone
            weight: 30
            when: "features.out_cals >= 3 && features.listed > 1"
            reason: {zh: "中", en: "e"}
          - code: AC_TYPO
            applies_to: account
            weight: 30
            when: features.out_calls >= 1
            reason: {zh: "中", en: "e"}
        """);
    assertThat(p)
        .extracting(x -> x.line() + ":" + x.column())
        .containsExactly("5:21", "5:54", "10:20");
    assertThat(p.get(0).message())
        .isEqualTo(
            "rule PH_TYPO: unknown feature 'out_cals'; did you mean 'out_calls'? "
                + "(./fanzha rules features lists them)");
    assertThat(p.get(1).message()).contains("'>' compares two numbers, not a bool and a number");
    assertThat(p.get(2).message())
        .contains("unknown feature 'out_calls'"); // accounts have no calls
  }

  @Test
  void parse_aParamNothingReadsIsATypo() {
    List<RuleFileProblem> p =
        problems(
            """
        params:
          victim: {window_hh: 12}
        rules: []
        """);
    assertThat(p.get(0).message())
        .contains("param victim.window_hh is used by no rule")
        .contains("did you mean 'victim.window_h'?");
  }

  @Test
  void parse_moreThan64RulesForOneKindAreRefused() {
    StringBuilder y = new StringBuilder("rules:\n");
    for (int i = 0; i < 65; i++) {
      y.append("  - {code: PH_R")
          .append(i)
          .append(", applies_to: phone, weight: 1, when: 'true', reason: {zh: 中, en: e}}\n");
    }
    assertThat(problems(y.toString()).get(0).message())
        .contains("at most 64 enabled rules apply to phone");
  }

  @Test
  void withParam_recompilesTheConditionsWithTheNewValue() {
    RuleBook b = RuleBook.defaults().withParam("phone.min_calls", 7);
    assertThat(b.param("phone.min_calls")).isEqualTo(7);
    assertThatThrownBy(() -> RuleBook.defaults().withParam("phone.min_cals", 7))
        .hasMessageContaining("phone.min_cals");
  }
}
