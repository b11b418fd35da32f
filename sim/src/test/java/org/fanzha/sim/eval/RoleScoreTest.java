package org.fanzha.sim.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleScoreTest {

  @Test
  void of_countsHitsMissesAndFalseAlarms() {
    RoleScore s = RoleScore.of(Set.of("a", "b", "x"), Set.of("a", "b", "c", "d"));
    assertThat(s).isEqualTo(new RoleScore(2, 1, 2));
    assertThat(s.precision()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(s.recall()).isCloseTo(0.5, within(1e-12));
    assertThat(s.f1()).isCloseTo(2 * (2 / 3.0) * 0.5 / (2 / 3.0 + 0.5), within(1e-12));
  }

  @Test
  void of_emptySets_areDefined() {
    assertThat(RoleScore.of(Set.of(), Set.of("a")).precision()).isEqualTo(1.0);
    assertThat(RoleScore.of(Set.of(), Set.of("a")).recall()).isEqualTo(0.0);
    assertThat(RoleScore.of(Set.of("a"), Set.of()).recall()).isEqualTo(1.0);
    assertThat(RoleScore.of(Set.of("a"), Set.of()).f1()).isEqualTo(0.0);
  }

  @Test
  void plus_addsCounts() {
    assertThat(new RoleScore(1, 2, 3).plus(new RoleScore(4, 5, 6)))
        .isEqualTo(new RoleScore(5, 7, 9));
  }

  @Test
  void toText_alignsRowsWithAllColumns() {
    String t =
        new ScoreTable("sim seed 1").add("phone/fraud_number", new RoleScore(9, 1, 3)).toText();
    assertThat(t)
        .startsWith("sim seed 1\n")
        .contains("precision")
        .contains("0.900")
        .contains("0.750");
    assertThat(new ScoreTable("x").add("m", new RoleScore(1, 0, 0)).toMarkdown())
        .contains("| m | 1.000 |");
  }
}
