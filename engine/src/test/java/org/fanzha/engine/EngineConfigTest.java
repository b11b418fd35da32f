package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

  @Test
  void fromProperties_overridesOnlyTheGivenKeys() {
    Properties p = new Properties();
    p.setProperty("phone.min_calls", "35");
    EngineConfig c = EngineConfig.fromProperties(p);
    assertThat(c.integer("phone.min_calls")).isEqualTo(35);
    assertThat(c.num("mule.fast_share")).isEqualTo(EngineConfig.defaults().num("mule.fast_share"));
  }

  @Test
  void fromProperties_refusesAnUnknownKeyByName() {
    Properties p = new Properties();
    p.setProperty("phone.min_cals", "35");
    assertThatThrownBy(() -> EngineConfig.fromProperties(p)).hasMessageContaining("phone.min_cals");
  }

  @Test
  void fromProperties_refusesANonNumber() {
    Properties p = new Properties();
    p.setProperty("phone.min_calls", "many");
    assertThatThrownBy(() -> EngineConfig.fromProperties(p)).hasMessageContaining("many");
  }

  @Test
  void toProperties_roundTrips() {
    EngineConfig c = EngineConfig.defaults().with("mule.fast_share", 0.55);
    assertThat(EngineConfig.fromProperties(c.toProperties()).values()).isEqualTo(c.values());
  }

  @Test
  void withContentClassifier_keepsTheValues() {
    EngineConfig c = EngineConfig.defaults().withContentClassifier(
        text -> new org.fanzha.core.content.ContentVerdict("none", null, 0.9, java.util.List.of()));
    assertThat(c.contentClassifier()).isNotNull();
    assertThat(c.values()).isEqualTo(EngineConfig.defaults().values());
  }
}
