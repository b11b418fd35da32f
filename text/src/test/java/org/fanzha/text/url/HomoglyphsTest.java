package org.fanzha.text.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HomoglyphsTest {

  @Test
  void skeleton_mergesLookAlikes() {
    String paypal = Homoglyphs.skeleton("paypal");
    assertThat(Homoglyphs.skeleton("paypa1")).isEqualTo(paypal);
    assertThat(Homoglyphs.skeleton("PAYPAI")).isEqualTo(paypal);
    assertThat(Homoglyphs.skeleton("pаypal")).isEqualTo(paypal); // Cyrillic а
    assertThat(Homoglyphs.skeleton("rnicrosoft")).isEqualTo(Homoglyphs.skeleton("microsoft"));
    assertThat(Homoglyphs.skeleton("g00gle")).isEqualTo(Homoglyphs.skeleton("google"));
  }

  @Test
  void skeleton_keepsDifferentNamesApart() {
    assertThat(Homoglyphs.skeleton("taobao")).isNotEqualTo(Homoglyphs.skeleton("tmall"));
  }

  @Test
  void mixesScripts_latinWithCyrillic() {
    assertThat(Homoglyphs.mixesScripts("pаypal")).isTrue();
    assertThat(Homoglyphs.mixesScripts("paypal")).isFalse();
    assertThat(Homoglyphs.mixesScripts("工商银行")).isFalse();
  }
}
