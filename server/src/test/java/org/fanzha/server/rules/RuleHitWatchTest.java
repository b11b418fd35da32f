package org.fanzha.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleHitWatchTest {

  @Test
  void observe_aRuleFiringFarMoreThanItsUsualRateRaisesOneAlert_steadyRulesNone() {
    RuleHitWatch watch = new RuleHitWatch(null, new SimpleMeterRegistry(), Clock.systemUTC());
    long steady = 0;
    long jumpy = 0;
    for (int minute = 0; minute < 10; minute++) {
      steady += 100;
      jumpy += 20;
      assertThat(watch.detect(Map.of("PH_STEADY", steady, "PH_JUMPY", jumpy))).isEmpty();
    }
    jumpy += 400; // twenty times its usual 20 a minute
    steady += 120;
    List<RuleHitWatch.Alert> raised = watch.detect(Map.of("PH_STEADY", steady, "PH_JUMPY", jumpy));
    assertThat(raised).extracting(RuleHitWatch.Alert::code).containsExactly("PH_JUMPY");
    assertThat(raised.get(0).hits()).isEqualTo(400);
    assertThat(raised.get(0).usual()).isBetween(15.0, 25.0);
    assertThat(watch.alerts()).hasSize(1);
  }

  @Test
  void observe_aSmallJumpBelowTheFloorIsNoAlert() {
    RuleHitWatch watch = new RuleHitWatch(null, new SimpleMeterRegistry(), Clock.systemUTC());
    long hits = 0;
    for (int minute = 0; minute < 10; minute++) {
      hits += 1;
      watch.detect(Map.of("PH_RARE", hits));
    }
    assertThat(watch.detect(Map.of("PH_RARE", hits + 30))).as("30 < the floor of 50").isEmpty();
  }
}
