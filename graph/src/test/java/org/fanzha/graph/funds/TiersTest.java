package org.fanzha.graph.funds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TiersTest {

  @Test
  void nameZh_countsInChinese() {
    assertThat(Tiers.nameZh(1)).isEqualTo("一级卡");
    assertThat(Tiers.nameZh(2)).isEqualTo("二级卡");
    assertThat(Tiers.nameZh(10)).isEqualTo("十级卡");
    assertThat(Tiers.nameZh(12)).isEqualTo("十二级卡");
    assertThat(Tiers.nameZh(20)).isEqualTo("二十级卡");
    assertThat(Tiers.nameEn(3)).isEqualTo("tier-3 account");
  }
}
