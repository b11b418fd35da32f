package org.fanzha.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.fanzha.core.event.FraudType;
import org.junit.jupiter.api.Test;

class TextsTest {

  @Test
  void fraudSms_everyTypeHasSeveralTemplatesAndVariedFills() {
    SplittableRandom r = new SplittableRandom(3);
    for (FraudType t : FraudType.values()) {
      assertThat(Texts.fraudTemplates(t)).as(t.wireName()).isGreaterThanOrEqualTo(2);
      Set<String> texts = new HashSet<>();
      for (int i = 0; i < 50; i++) {
        String s = Texts.fraudSms(t, r);
        assertThat(s).doesNotContain("{").doesNotContain("}");
        texts.add(s);
      }
      assertThat(texts).as(t.wireName()).hasSizeGreaterThan(10);
    }
  }

  @Test
  void fraudSms_withUrl_usesThatUrlWhereTheTemplateHasALink() {
    SplittableRandom r = new SplittableRandom(5);
    boolean seen = false;
    for (int i = 0; i < 40; i++) {
      String s = Texts.fraudSms(FraudType.BRUSHING, r, "https://task123.top/abcdef");
      assertThat(s).doesNotContain("{url}");
      seen |= s.contains("https://task123.top/abcdef");
    }
    assertThat(seen).isTrue();
  }

  @Test
  void fill_unknownSlot_fails() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Texts.fill("x{nope}y", new SplittableRandom(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void bankNotice_showsCardTailAndAmount() {
    long ts = SimConfig.DEFAULT_START + 14 * 3_600_000L + 5 * 60_000L;
    String s = Texts.bankNotice(0, "6222020000000001234", ts, 5_600, "消费", new SplittableRandom(1));
    assertThat(s)
        .startsWith("【工商银行】")
        .contains("尾号1234")
        .contains("11月1日14:05")
        .contains("支出(消费)56.00元");
  }

  @Test
  void ordinaryTexts_haveNoUnfilledSlots() {
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < 200; i++) {
      assertThat(Texts.personal(r) + Texts.courier(r) + Texts.marketing(r)).doesNotContain("{");
    }
  }
}
