package org.fanzha.text.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.FraudType;
import org.fanzha.text.TextClassifiers;
import org.fanzha.text.model.HashedTextClassifier;
import org.fanzha.text.model.LinearTextModel;
import org.junit.jupiter.api.Test;

class TrainerTest {

  private static final Trainer.Settings SMALL = new Trainer.Settings(14, 4.0, 0.01);

  @Test
  void train_separatesUnseenTextsOfASmallCorpus() {
    LinearTextModel model = new Trainer(SMALL).train(SmallCorpus.training());
    assertThat(model.labels()).containsExactly("none", "loan", "police");
    HashedTextClassifier c = TextClassifiers.of(model);
    // none of these sentences is in the training corpus
    ContentVerdict police = c.classify("民警通知：你的账户涉嫌洗钱，请转入安全账户接受调查");
    ContentVerdict loan = c.classify("贷款审批通过，放款前请先交保证金和手续费");
    ContentVerdict chat = c.classify("晚上回家吃饭吗，我买了水果");
    assertThat(police.fraudType()).isEqualTo(FraudType.POLICE);
    assertThat(loan.fraudType()).isEqualTo(FraudType.LOAN);
    assertThat(chat.label()).isEqualTo(ContentVerdict.NONE);
    assertThat(police.score()).isGreaterThan(1.0 / 3);
    assertThat(police.phrases()).isNotEmpty();
    assertThat(String.join("", police.phrases())).containsAnyOf("安全账户", "涉嫌", "洗钱", "民警", "调查");
  }

  @Test
  void train_isDeterministic() throws IOException {
    byte[] a = bytes(new Trainer(SMALL).train(SmallCorpus.training()));
    byte[] b = bytes(new Trainer(SMALL).train(SmallCorpus.training()));
    assertThat(a).isEqualTo(b);
  }

  @Test
  void train_twoLabelsGivesAUsableBinaryModel() {
    List<LabeledText> two =
        SmallCorpus.training().stream().filter(t -> !t.label().equals("loan")).toList();
    HashedTextClassifier c = TextClassifiers.of(new Trainer(SMALL).train(two));
    assertThat(c.classify("公安局民警通知你涉嫌洗钱，转到安全账户").fraudType()).isEqualTo(FraudType.POLICE);
    assertThat(c.classify("周末一起去公园吧").label()).isEqualTo(ContentVerdict.NONE);
  }

  @Test
  void train_rejectsUnknownLabels() {
    List<LabeledText> bad =
        List.of(new LabeledText("x", "none", "t"), new LabeledText("y", "fraudish", "t"));
    assertThatThrownBy(() -> new Trainer(SMALL).train(bad)).hasMessageContaining("fraudish");
  }

  private static byte[] bytes(LinearTextModel m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.write(out);
    return out.toByteArray();
  }
}
