package org.fanzha.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.junit.jupiter.api.Test;

class RuleSetTest {

  /** Features for the test: a plain int array. */
  private static Rule<int[]> rule(String code, int weight, Role role, int index) {
    return new Rule<>(code, new Reason(code, code + "中文", code + " en"), weight, role, f -> f[index] > 0);
  }

  private final RuleSet<int[]> set = new RuleSet<>(List.of(
      rule("A", 50, Role.FRAUD_NUMBER, 0),
      rule("B", 40, Role.FRAUD_NUMBER, 1),
      rule("C", 60, Role.MULE, 2),
      rule("M", -50, null, 3)), 40);

  @Test
  void evaluate_combinesPositiveWeightsByNoisyOr() {
    Verdict v = set.evaluate(new int[] {1, 1, 0, 0}, new Verdict());
    assertThat(v.score()).isEqualTo(70); // 1 - 0.5 * 0.6
    assertThat(v.mask()).isEqualTo(0b11);
    assertThat(v.role()).isEqualTo(Role.FRAUD_NUMBER);
  }

  @Test
  void evaluate_mitigatingRuleScalesTheScoreDown() {
    Verdict v = set.evaluate(new int[] {1, 1, 0, 1}, new Verdict());
    assertThat(v.score()).isEqualTo(35);
    assertThat(v.role()).as("below the role floor of 40").isNull();
  }

  @Test
  void evaluate_roleFollowsTheLargestSumOfWeights() {
    Verdict v = set.evaluate(new int[] {1, 0, 1, 0}, new Verdict());
    assertThat(v.score()).isEqualTo(80);
    assertThat(v.role()).isEqualTo(Role.MULE);
  }

  @Test
  void evaluate_nothingFiring_isZeroWithoutRole() {
    Verdict v = set.evaluate(new int[4], new Verdict());
    assertThat(v.score()).isZero();
    assertThat(v.mask()).isZero();
    assertThat(v.roleBits()).isZero();
  }

  @Test
  void reasons_strongestFirstMitigationsLastAndCached() {
    List<Reason> r = set.reasons(0b1111);
    assertThat(r).extracting(Reason::code).containsExactly("C", "A", "B", "M");
    assertThat(set.reasons(0b1111)).isSameAs(r);
  }

  @Test
  void constructor_refusesMoreThan64Rules() {
    List<Rule<int[]>> many = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      many.add(rule("R" + i, 1, null, 0));
    }
    assertThatThrownBy(() -> new RuleSet<>(many, 40)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rule_refusesAWeightOutOfRange() {
    assertThatThrownBy(() -> rule("X", 101, null, 0)).hasMessageContaining("X");
  }
}
