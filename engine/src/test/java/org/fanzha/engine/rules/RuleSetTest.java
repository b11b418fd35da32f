package org.fanzha.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.rules.lang.Node;
import org.fanzha.engine.rules.lang.Type;
import org.junit.jupiter.api.Test;

class RuleSetTest {

  private static final Node ANY = new Node.Const(Type.BOOL, true);

  private static Rule rule(String code, int weight, Role role) {
    return new Rule(
        code, new Reason(code, code + "中文", code + " en"), weight, role, "true", ANY, false);
  }

  /** The features are an int array; rule i holds when element i is positive. */
  private final RuleSet set =
      new RuleSet(
          List.of(
              rule("A", 50, Role.FRAUD_NUMBER),
              rule("B", 40, Role.FRAUD_NUMBER),
              rule("C", 60, Role.MULE),
              rule("M", -50, null),
              rule("Z", 0, Role.MULE)),
          (f, e) -> {
            int[] x = (int[]) f;
            long m = 0;
            for (int i = 0; i < x.length; i++) {
              if (x[i] > 0) {
                m |= 1L << i;
              }
            }
            return m;
          },
          40);

  private Verdict eval(int... features) {
    return set.evaluate(features, new EventView(), new Verdict());
  }

  @Test
  void evaluate_onOneSetFromManyThreads_givesEachItsOwnVerdict() throws Exception {
    // engines share the compiled sets of a rule book (a sweep of worlds, a shadow beside the live
    // engine)
    int threads = 4;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Integer>> wrong = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int[] features = t % 2 == 0 ? new int[] {1, 1, 0, 0, 0} : new int[] {0, 0, 1, 0, 0};
        Role expected = t % 2 == 0 ? Role.FRAUD_NUMBER : Role.MULE;
        wrong.add(
            pool.submit(
                () -> {
                  Verdict v = new Verdict();
                  EventView ev = new EventView();
                  int n = 0;
                  for (int i = 0; i < 300_000; i++) {
                    n += set.evaluate(features, ev, v).role() == expected ? 0 : 1;
                  }
                  return n;
                }));
      }
      for (var w : wrong) {
        assertThat(w.get()).as("verdicts naming another thread's role").isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void evaluate_ofNothingFiring_intoAVerdictThatHeldOne_leavesNoScoreMaskOrRole() {
    // an engine reuses one verdict for every evaluation
    Verdict v = new Verdict();
    EventView ev = new EventView();
    assertThat(set.evaluate(new int[] {1, 0, 1, 0, 0}, ev, v).score()).isPositive();
    assertThat(v.mask()).isNotZero();
    assertThat(v.role()).isNotNull();

    set.evaluate(new int[] {0, 0, 0, 0, 0}, ev, v);

    assertThat(v.score()).isZero();
    assertThat(v.mask()).isZero();
    assertThat(v.role()).isNull();
  }

  @Test
  void evaluate_combinesPositiveWeightsByNoisyOr() {
    Verdict v = eval(1, 1, 0, 0, 0);
    assertThat(v.score()).isEqualTo(70); // 1 - 0.5 * 0.6
    assertThat(v.mask()).isEqualTo(0b11);
    assertThat(v.role()).isEqualTo(Role.FRAUD_NUMBER);
  }

  @Test
  void evaluate_mitigatingRuleScalesTheScoreDown() {
    Verdict v = eval(1, 1, 0, 1, 0);
    assertThat(v.score()).isEqualTo(35);
    assertThat(v.role()).as("below the role floor of 40").isNull();
  }

  @Test
  void evaluate_roleFollowsTheLargestSumOfWeights() {
    Verdict v = eval(1, 0, 1, 0, 0);
    assertThat(v.score()).isEqualTo(80);
    assertThat(v.role()).isEqualTo(Role.MULE);
  }

  @Test
  void evaluate_aZeroWeightNeverFiresNorShowsInTheMask() {
    Verdict v = eval(0, 0, 0, 0, 1);
    assertThat(v.score()).isZero();
    assertThat(v.mask()).isZero();
  }

  @Test
  void evaluate_nothingFiring_isZeroWithoutRole() {
    Verdict v = eval(0, 0, 0, 0, 0);
    assertThat(v.score()).isZero();
    assertThat(v.mask()).isZero();
    assertThat(v.roleBits()).isZero();
  }
}
