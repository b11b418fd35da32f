package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

  @Test
  void withOverrides_changesOnlyTheGivenParams() {
    Properties p = new Properties();
    p.setProperty("phone.min_calls", "35");
    p.setProperty("pairs.log2_bits", "20");
    EngineConfig c = EngineConfig.defaults().withOverrides(p);
    assertThat(c.integer("phone.min_calls")).isEqualTo(35);
    assertThat(c.pairsLog2Bits()).isEqualTo(20);
    assertThat(c.num("mule.fast_share")).isEqualTo(EngineConfig.defaults().num("mule.fast_share"));
    // the rules read the new value: the book was recompiled with it
    assertThat(c.rules().params()).containsEntry("phone.min_calls", 35.0);
  }

  @Test
  void withOverrides_refusesAnUnknownKeyByName() {
    Properties p = new Properties();
    p.setProperty("phone.min_cals", "35");
    assertThatThrownBy(() -> EngineConfig.defaults().withOverrides(p))
        .hasMessageContaining("phone.min_cals");
  }

  @Test
  void withOverrides_refusesANonNumber() {
    Properties p = new Properties();
    p.setProperty("phone.min_calls", "many");
    assertThatThrownBy(() -> EngineConfig.defaults().withOverrides(p)).hasMessageContaining("many");
  }

  @Test
  void withContentClassifier_keepsTheRules() {
    EngineConfig c =
        EngineConfig.defaults()
            .withContentClassifier(
                text ->
                    new org.fanzha.core.content.ContentVerdict(
                        "none", null, 0.9, java.util.List.of()));
    assertThat(c.contentClassifier()).isNotNull();
    assertThat(c.rules()).isSameAs(EngineConfig.defaults().rules());
  }
}
