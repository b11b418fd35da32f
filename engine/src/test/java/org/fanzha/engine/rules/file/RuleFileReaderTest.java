package org.fanzha.engine.rules.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fanzha.core.event.Role;
import org.junit.jupiter.api.Test;

class RuleFileReaderTest {

  static final String GOOD =
      """
      version: 3
      params:
        min_calls: 20
        night:
          start_hour: 0
      rules:
        - code: PH_LOW_ANSWER
          applies_to: phone
          role: fraud_number
          weight: 30
          when: "features.out_calls >= params.min_calls && features.answer_rate <= 0.2"
          reason: {zh: "大量外呼且接通率低", en: "Many outgoing calls, few answered"}
          enabled: true
      """;

  private static List<RuleFileProblem> problems(String yaml) {
    try {
      RuleFileReader.read(yaml);
    } catch (RuleFileException e) {
      return e.problems();
    }
    throw new AssertionError("no problem found");
  }

  @Test
  void read_theApiExample() throws RuleFileException {
    RuleFile f = RuleFileReader.read(GOOD);
    assertThat(f.version()).isEqualTo(3);
    assertThat(f.params()).containsEntry("min_calls", 20.0).containsEntry("night.start_hour", 0.0);
    RuleSpec r = f.rules().get(0);
    assertThat(r.code()).isEqualTo("PH_LOW_ANSWER");
    assertThat(r.appliesTo()).isEqualTo(RuleSpec.Kind.PHONE);
    assertThat(r.role()).isEqualTo(Role.FRAUD_NUMBER);
    assertThat(r.weight()).isEqualTo(30);
    assertThat(r.reason().textEn()).isEqualTo("Many outgoing calls, few answered");
    assertThat(r.whenAt()).isEqualTo(new TextPosition(11, 12, 0, true));
  }

  @Test
  void read_everyStructuralProblemAtOnceWithLineAndColumn() {
    String yaml =
        """
        version: 1
        colour: red
        rules:
          - code: ph_low
            applies_to: planet
            weight: 130
            when: "true"
            reason: {zh: "中文"}
          - code: DUP_CODE
            applies_to: phone
            weight: 10
            when: "true"
            reason: {zh: "中", en: "e"}
          - code: DUP_CODE
            applies_to: account
            weight: 10
            when: "true"
            reason: {zh: "中", en: "e"}
            colour: blue
        """;
    List<RuleFileProblem> p = problems(yaml);
    assertThat(p)
        .extracting(
            x -> x.line() + ":" + x.column() + " " + x.message().replaceAll("[;(].*", "").strip())
        .containsExactly(
            "2:1 unknown key 'colour'",
            "4:11 rule code 'ph_low' must match [A-Z][A-Z0-9_]{2,63}, e.g. PH_LOW_ANSWER",
            "5:17 rule ph_low: applies_to must be phone, account, holder, device or subscriber, not 'planet'",
            "6:13 rule ph_low: weight must be a whole number from -100 to 100, not '130'",
            "8:13 rule ph_low: reason needs both zh and en text",
            "14:5 rule code DUP_CODE is used twice",
            "19:5 unknown key 'colour' in a rule");
  }

  @Test
  void read_evidenceLinkOrBehaviourAndNothingElse() throws RuleFileException {
    String rule =
        """
        version: 1
        rules:
          - code: PH_X
            applies_to: phone
            weight: 40
            when: "features.reporters >= 1"
            reason: {zh: "被举报", en: "Reported"}
        """;
    assertThat(RuleFileReader.read(rule + "    evidence: link\n").rules().get(0).links()).isTrue();
    assertThat(RuleFileReader.read(rule + "    evidence: behaviour\n").rules().get(0).links())
        .isFalse();
    assertThat(RuleFileReader.read(rule).rules().get(0).links()).isFalse();
    RuleFileProblem p = problems(rule + "    evidence: strong\n").get(0);
    assertThat(p.message())
        .isEqualTo("rule PH_X: evidence must be link or behaviour, not 'strong'");
    assertThat(p.line()).isEqualTo(8);
  }

  @Test
  void read_scopeEntityOrEventAndNothingElse() throws RuleFileException {
    String rule =
        """
        version: 1
        rules:
          - code: HO_X
            applies_to: holder
            weight: 95
            when: "features.sims_total > 5"
            reason: {zh: "超过上限", en: "Past the limit"}
        """;
    assertThat(RuleFileReader.read(rule + "    scope: event\n").rules().get(0).eventOnly())
        .isTrue();
    assertThat(RuleFileReader.read(rule + "    scope: entity\n").rules().get(0).eventOnly())
        .isFalse();
    assertThat(RuleFileReader.read(rule).rules().get(0).eventOnly()).isFalse();
    RuleFileProblem p = problems(rule + "    scope: forever\n").get(0);
    assertThat(p.message()).isEqualTo("rule HO_X: scope must be entity or event, not 'forever'");
    assertThat(p.line()).isEqualTo(8);
  }

  @Test
  void read_yamlThatIsNotARuleFile() {
    assertThat(problems("just a line").get(0).message()).contains("a rule file is a mapping");
    assertThat(problems("- a\n- b\n").get(0).message()).contains("a rule file is a mapping");
    assertThat(problems("version: 1\n").get(0).message()).contains("no rules");
    assertThat(problems("version: 1\nrules: {a: 1}\n").get(0).message())
        .contains("rules must be a list");
  }

  @Test
  void read_malformedYamlIsPlacedWhereItBreaks() {
    RuleFileProblem p = problems("version: 1\nrules:\n  - code: \"PH_X\n    weight: 1\n").get(0);
    assertThat(p.message()).startsWith("not valid YAML");
    assertThat(p.line()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void read_aDuplicateKeyIsRefused() {
    RuleFileProblem p = problems("version: 1\nversion: 2\nrules: []\n").get(0);
    assertThat(p.message()).isEqualTo("key 'version' appears twice in one mapping");
    assertThat(p.line()).isEqualTo(2);
  }

  @Test
  void read_aTenMegabyteFileIsRefusedBeforeParsing() {
    String big = "version: 1\nrules: []\n# " + "x".repeat(10 * 1024 * 1024) + "\n";
    assertThatThrownBy(() -> RuleFileReader.read(big))
        .isInstanceOfSatisfying(
            RuleFileException.class,
            e -> assertThat(e.problems().get(0).message()).contains("at most 1048576 (1 MiB)"));
  }

  @Test
  void read_aliasBombIsRefused() {
    StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 30; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      y.append(("*a" + (i - 1) + ", ").repeat(8)).append("*a").append(i - 1).append("]\n");
    }
    y.append("rules: []\n");
    assertThat(problems(y.toString()).get(0).message()).contains("not valid YAML");
  }

  @Test
  void whenAt_placesAnOffsetOnItsLineAndColumnForEveryQuotingStyle() throws RuleFileException {
    String yaml =
        """
        rules:
          - code: A_ONE
            applies_to: phone
            weight: 1
            when: features.x > 1
            reason: {zh: "中", en: "e"}
          - code: A_TWO
            applies_to: phone
            weight: 1
            when: |
              features.a > 1 &&
                features.x > 1
            reason: {zh: "中", en: "e"}
        """;
    List<RuleSpec> r = RuleFileReader.read(yaml).rules();
    RuleFileProblem plain = r.get(0).whenAt().at(r.get(0).when(), 9, "m");
    assertThat(plain.line() + ":" + plain.column()).isEqualTo("5:20");
    String block = r.get(1).when();
    RuleFileProblem inBlock = r.get(1).whenAt().at(block, block.indexOf("x"), "m");
    assertThat(inBlock.line() + ":" + inBlock.column()).isEqualTo("12:18");
  }
}
