package org.fanzha.text.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

  @Test
  void assignFolds_stratifiesEachLabel() {
    List<LabeledText> texts = SmallCorpus.training();
    int[] fold = CrossValidation.assignFolds(texts, 4, 7);
    Map<String, int[]> perLabel = new HashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      perLabel.computeIfAbsent(texts.get(i).label(), k -> new int[4])[fold[i]]++;
    }
    // 8 police, 8 loan, 12 none over 4 folds: 2, 2 and 3 per fold
    assertThat(perLabel.get("police")).containsExactly(2, 2, 2, 2);
    assertThat(perLabel.get("loan")).containsExactly(2, 2, 2, 2);
    assertThat(perLabel.get("none")).containsExactly(3, 3, 3, 3);
  }

  @Test
  void run_predictsEveryTextOnceWithAModelThatDidNotSeeIt() {
    List<LabeledText> texts = SmallCorpus.training();
    List<CrossValidation.Prediction> p =
        CrossValidation.run(texts, new Trainer(new Trainer.Settings(12, 4, 0.01)), 4, 7, s -> {});
    assertThat(p).hasSize(texts.size());
    int[] fold = CrossValidation.assignFolds(texts, 4, 7);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(p.get(i).text()).isSameAs(texts.get(i));
      assertThat(p.get(i).fold()).isEqualTo(fold[i]);
    }
    long right = p.stream().filter(x -> x.verdict().label().equals(x.text().label())).count();
    assertThat(right).isGreaterThan(texts.size() / 2); // far above the 3-class chance of 1/3
  }
}
