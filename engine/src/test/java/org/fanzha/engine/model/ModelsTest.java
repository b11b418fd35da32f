package org.fanzha.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.fanzha.engine.features.AccountFeatures;
import org.fanzha.engine.features.PhoneFeatures;
import org.junit.jupiter.api.Test;

/**
 * Model files: what is written reads back to the same scores, and a broken file is refused saying
 * where.
 */
class ModelsTest {

  private static Models randomModels(Random r) throws ModelFileException {
    List<String> phoneInputs = Inputs.candidates(PhoneFeatures.class);
    List<String> accountInputs = Inputs.candidates(AccountFeatures.class);
    return new Models(
        "test-1",
        "random trees 'quoted'",
        new EntityModel(
            PhoneFeatures.class,
            phoneInputs,
            ForestProperties.randomForest(r, phoneInputs.size(), 12, 5)),
        new EntityModel(
            AccountFeatures.class,
            accountInputs,
            ForestProperties.randomForest(r, accountInputs.size(), 7, 3)));
  }

  @Test
  void aWrittenModelReadsBackToTheSameMarginsAndContributions() throws Exception {
    Random r = new Random(5);
    Models m = randomModels(r);
    Models back = Models.parse(m.write());
    assertThat(back.version()).isEqualTo("test-1");
    assertThat(back.trainedOn()).isEqualTo("random trees 'quoted'");
    for (EntityModel[] pair :
        new EntityModel[][] {{m.phone(), back.phone()}, {m.account(), back.account()}}) {
      assertThat(pair[1].inputNames()).isEqualTo(pair[0].inputNames());
      for (int i = 0; i < 200; i++) {
        double[] x = ForestProperties.randomVector(r, pair[0].inputs());
        assertThat(pair[1].forest().margin(x)).isEqualTo(pair[0].forest().margin(x));
        assertThat(pair[1].forest().contributions(x))
            .containsExactly(pair[0].forest().contributions(x));
      }
    }
  }

  @Test
  void brokenFilesAreRefusedSayingWhatIsWrong() throws Exception {
    String good = randomModels(new Random(9)).write();
    assertThatThrownBy(
            () -> Models.parse(good.replace("format: fanzha-model/1", "format: other/2")))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("format");
    assertThatThrownBy(
            () -> Models.parse(good.replaceFirst("inputs: \\[[a-z_]+", "inputs: [no_such_thing")))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("no_such_thing");
    assertThatThrownBy(
            () -> Models.parse(good.replaceFirst("inputs: \\[[a-z_]+", "inputs: [model_score")))
        .as("a model may not read its own score")
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("model_score");
    assertThatThrownBy(() -> Models.parse(good.replaceFirst("value: \\[", "value: [1.0, ")))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("phone.trees[0].value");
    assertThatThrownBy(() -> Models.parse(good.replaceFirst("left: \\[1,", "left: [99,")))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> Models.parse("format: [")).isInstanceOf(ModelFileException.class);
  }

  @Test
  void theShippedModelReadsBothKindsOverKnownFeatures() {
    Models m = Models.shipped();
    assertThat(m.phone()).isNotNull();
    assertThat(m.account()).isNotNull();
    assertThat(m.phone().inputNames()).isSubsetOf(Inputs.candidates(PhoneFeatures.class));
    assertThat(m.account().inputNames()).isSubsetOf(Inputs.candidates(AccountFeatures.class));
    assertThat(m.trainedOn()).contains("seeds");
  }
}
