package org.fanzha.text.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WrittenCorpusTest {

  private static final String TEMPLATES =
      String.join(
          "\n",
          "# test",
          "@slot who = 张三|李四",
          "@slot where = [北京|上海]{n:1-9}号",
          "@class police",
          "@part",
          "我是{who}，",
          "-",
          "@part",
          "你在{where}涉嫌洗钱[。|！]");

  @Test
  void generate_expandsSlotsNumbersAndAlternatives() {
    List<LabeledText> texts = WrittenCorpus.parse(TEMPLATES).generate(30, 1);
    assertThat(texts)
        .isNotEmpty()
        .allSatisfy(
            t -> {
              assertThat(t.label()).isEqualTo("police");
              assertThat(t.source()).isEqualTo("written");
              // the chat register turns the punctuation into a space (or drops it at the end)
              assertThat(t.text()).matches("(我是(张三|李四)[， ])?你在(北京|上海)[1-9]号涉嫌洗钱[。！]?");
            });
    assertThat(texts).extracting(LabeledText::text).doesNotHaveDuplicates();
  }

  @Test
  void generate_isTheSameForTheSameSeed() {
    WrittenCorpus c = WrittenCorpus.parse(TEMPLATES);
    assertThat(c.generate(10, 5)).isEqualTo(c.generate(10, 5));
  }

  @Test
  void generate_drawsFromEveryFamilyOfALabel() {
    WrittenCorpus c =
        WrittenCorpus.parse(
            String.join(
                "\n",
                "@class loan",
                "@part",
                "甲{n:1-99}",
                "@class none",
                "@part",
                "好的",
                "@class loan",
                "@part",
                "乙{n:1-99}"));
    List<LabeledText> texts = c.generate(60, 3);
    assertThat(c.labels()).containsExactly("loan", "none");
    assertThat(texts)
        .filteredOn(t -> t.label().equals("loan"))
        .extracting(LabeledText::text)
        .anyMatch(t -> t.startsWith("甲"))
        .anyMatch(t -> t.startsWith("乙"))
        .allMatch(t -> t.matches("[甲乙][0-9]+"));
  }

  @Test
  void chatRegister_turnsSentencePunctuationIntoOneSpace() {
    assertThat(WrittenCorpus.chatRegister("亲，在吗？！先做三单。")).isEqualTo("亲 在吗 先做三单");
    assertThat(WrittenCorpus.chatRegister("加QQ:123")).isEqualTo("加QQ:123");
  }

  @Test
  void expand_rejectsUnknownSlot() {
    WrittenCorpus c = WrittenCorpus.parse(TEMPLATES);
    assertThatThrownBy(() -> c.expand("{nobody}", new Random(1))).hasMessageContaining("nobody");
  }

  @Test
  void load_shippedTemplatesCoverTheTypesWithoutPublicData() {
    WrittenCorpus c = WrittenCorpus.load();
    assertThat(c.labels())
        .contains("brushing", "investment", "credit", "shopping", "game_trade", "romance", "none");
    assertThat(Trainer.LABEL_ORDER).containsAll(c.labels());
    List<LabeledText> texts = c.generate(200, TrainMain.SEED);
    for (String label : c.labels()) {
      assertThat(texts.stream().filter(t -> t.label().equals(label)).count())
          .as(label)
          .isEqualTo(200);
    }
    assertThat(texts).allSatisfy(t -> assertThat(t.text()).doesNotContain("{", "}", "[", "]"));
  }
}
