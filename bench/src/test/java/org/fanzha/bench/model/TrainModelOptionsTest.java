package org.fanzha.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The train-model command line: its defaults, what it accepts, and a message naming each mistake.
 */
class TrainModelOptionsTest {

  @Test
  void parse_defaultsAreTheShippedModelsTraining() {
    TrainModel.Options o = TrainModel.Options.parse(new String[] {});
    assertThat(o.seeds()).hasSize(16).startsWith(6001L).endsWith(6016L);
    assertThat(o.trees()).isEqualTo(40);
    assertThat(o.depth()).isEqualTo(4);
    assertThat(o.excluded()).containsExactlyInAnyOrder("card_age_days", "age_days");
    assertThat(o.out()).isEqualTo(Path.of("model.yaml"));
  }

  @Test
  void parse_givenOptions() {
    TrainModel.Options o =
        TrainModel.Options.parse(
            new String[] {
              "--seeds", "10-11", "--trees", "5", "--exclude", "none", "--text", "--out", "m.yaml"
            });
    assertThat(o.seeds()).containsExactly(10L, 11L);
    assertThat(o.trees()).isEqualTo(5);
    assertThat(o.excluded()).isEmpty();
    assertThat(o.text()).isTrue();
    assertThat(o.out()).isEqualTo(Path.of("m.yaml"));
  }

  @Test
  void parse_mistakesAreNamed() {
    assertThatThrownBy(() -> TrainModel.Options.parse(new String[] {"--bogus"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown option: '--bogus'");
    assertThatThrownBy(() -> TrainModel.Options.parse(new String[] {"--trees", "many"}))
        .hasMessageContaining("'many' is not an int");
    assertThatThrownBy(() -> TrainModel.Options.parse(new String[] {"--seeds", "10-5"}))
        .hasMessageContaining("must run upwards");
  }
}
