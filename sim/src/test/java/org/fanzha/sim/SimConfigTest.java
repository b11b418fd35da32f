package org.fanzha.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.time.Timestamps;
import org.junit.jupiter.api.Test;

class SimConfigTest {

  @Test
  void of_defaultsStartOnNovemberFirstBeijingTime() {
    SimConfig c = SimConfig.of(1, 10_000, 7);
    assertThat(Timestamps.format(c.startMillis())).isEqualTo("2026-11-01T00:00:00+08:00");
    assertThat(c.endMillis() - c.startMillis()).isEqualTo(7 * 86_400_000L);
    assertThat(c.victimsPerDay()).isEqualTo(10.0);
  }

  @Test
  void of_fraudMixIteratesInEnumOrder() {
    SimConfig c =
        SimConfig.builder(1, 100, 1)
            .fraudMix(Map.of(FraudType.ROMANCE, 1, FraudType.BRUSHING, 3, FraudType.LOAN, 0))
            .build();
    assertThat(c.fraudMix().keySet()).containsExactly(FraudType.BRUSHING, FraudType.ROMANCE);
  }

  @Test
  void toBuilder_roundTripsEqual() {
    SimConfig c =
        SimConfig.builder(5, 500, 3)
            .simFarms(4)
            .muleTiers(1, 3)
            .reportRate(0.2)
            .outsideHookShare(0.25)
            .hookCallsPerDay(12)
            .payrollAgencies(7)
            .traders(2)
            .moversPerDay(0.5)
            .benignScreenSharesPerThousandDay(3)
            .build();
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void build_invalidValues_failNamingTheValue() {
    assertThatThrownBy(() -> SimConfig.of(1, 5, 1)).hasMessageContaining("people");
    assertThatThrownBy(() -> SimConfig.of(1, 100, 0)).hasMessageContaining("days");
    assertThatThrownBy(() -> SimConfig.builder(1, 100, 1).muleTiers(3, 2).build())
        .hasMessageContaining("3..2");
    assertThatThrownBy(
            () -> SimConfig.builder(1, 100, 1).fraudMix(Map.of(FraudType.LOAN, 0)).build())
        .hasMessageContaining("fraudMix");
    assertThatThrownBy(() -> SimConfig.builder(1, 100, 1).outsideHookShare(1.5).build())
        .hasMessageContaining("outsideHookShare");
    assertThatThrownBy(() -> SimConfig.builder(1, 100, 1).settlingMerchantShare(-0.1).build())
        .hasMessageContaining("settlingMerchantShare");
    assertThatThrownBy(() -> SimConfig.builder(1, 100, 1).traders(-1).build())
        .hasMessageContaining("benign");
  }

  @Test
  void of_hasHardNegativesAndWithoutHardNegativesTurnsThemOff() {
    SimConfig hard = SimConfig.of(1, 10_000, 7);
    assertThat(hard.reportRate()).isEqualTo(0.35);
    assertThat(hard.payrollAgencies()).isEqualTo(4);
    assertThat(hard.outsideHookShare()).isEqualTo(0.5);
    SimConfig easy = SimConfig.builder(1, 10_000, 7).withoutHardNegatives().build();
    assertThat(easy.reportRate()).isEqualTo(0.6);
    assertThat(easy.payrollAgencies() + easy.traders() + easy.passOnFamilies()).isZero();
    assertThat(
            easy.outsideHookShare()
                + easy.hookCallsPerDay()
                + easy.moversPerDay()
                + easy.benignScreenSharesPerThousandDay())
        .isZero();
  }
}
