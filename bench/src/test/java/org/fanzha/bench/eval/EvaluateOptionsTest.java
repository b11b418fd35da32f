package org.fanzha.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fanzha.sim.Tactic;
import org.junit.jupiter.api.Test;

/** The evaluate command line: what it accepts, and a message naming each mistake. */
class EvaluateOptionsTest {

  @Test
  void parse_seedsTacticsAndText() throws Exception {
    Evaluate.Options o = Evaluate.Options.parse(new String[] {"--seeds", "4801-4802", "--tactics", "all", "--text"});

    assertThat(o.seeds()).containsExactly(4801L, 4802L);
    assertThat(o.tactics()).containsExactlyInAnyOrder(Tactic.values());
    assertThat(o.text()).isTrue();
  }

  @Test
  void parse_mistakesAreNamed() {
    assertThatThrownBy(() -> Evaluate.Options.parse(new String[] {"--bogus"})).hasMessage("unknown option --bogus");
    assertThatThrownBy(() -> Evaluate.Options.parse(new String[] {"--seed"}))
        .hasMessage("a value is missing after --seed");
    assertThatThrownBy(() -> Evaluate.Options.parse(new String[] {"--seeds", "8202"}))
        .hasMessageContaining("seed 8202 was used to change the rules");
    assertThatThrownBy(() -> Evaluate.Options.parse(new String[] {"--people", "ten"}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
