package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.engine.Scenario.MINUTE;
import static org.fanzha.engine.Scenario.T0;
import static org.fanzha.engine.Scenario.phone;

import java.util.List;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.features.PhoneFeatures;
import org.fanzha.engine.model.EntityModel;
import org.fanzha.engine.model.Forest;
import org.fanzha.engine.model.ModelFileException;
import org.fanzha.engine.model.Models;
import org.junit.jupiter.api.Test;

/**
 * The model beside the rules: its opinion reaches decisions through the rules that read it, and
 * only through them.
 */
class EngineModelTest {

  /**
   * A model certain of everything it is asked about: one tree, one leaf, log-odds 6 (p ≈ 0.998).
   */
  private static Models certain() throws ModelFileException {
    Forest.Builder b = new Forest.Builder(1);
    b.startTree();
    Forest leaf = b.leaf(b.addNode(), 0, 1).build(6.0);
    return new Models(
        "certain", "test", new EntityModel(PhoneFeatures.class, List.of("out_calls"), leaf), null);
  }

  /**
   * A model that only looks at outgoing calls: three or more make it sure (log-odds +6), fewer make
   * it doubt.
   */
  private static Models byCalls() throws ModelFileException {
    Forest.Builder b = new Forest.Builder(1);
    int root = b.startTree();
    b.addNode();
    int few = b.addNode();
    int many = b.addNode();
    Forest split =
        b.split(root, 0, 3f, few, many, false, 10).leaf(few, -6, 5).leaf(many, 6, 5).build(0);
    return new Models(
        "by-calls",
        "test",
        new EntityModel(PhoneFeatures.class, List.of("out_calls"), split),
        null);
  }

  private static List<String> codes(Scenario s, String phone) {
    return s.engine()
        .entity(EntityKind.PHONE, phone)
        .map(r -> r.reasons().stream().map(Reason::code).toList())
        .orElse(List.of());
  }

  private static void calls(Scenario s, String caller, int n) {
    for (int i = 0; i < n; i++) {
      s.call(T0 + i * MINUTE, caller, phone(100 + i), 60);
    }
  }

  @Test
  void aConfidentModelAddsItsRulesReasons_noModelAddsNothing() throws Exception {
    Scenario with = new Scenario(new Engine(EngineConfig.defaults().withModels(certain())));
    Scenario without = new Scenario(new Engine(EngineConfig.defaults().withModels(Models.none())));
    for (Scenario s : List.of(with, without)) {
      calls(s, phone(1), 6);
      calls(s, phone(2), 2);
    }
    assertThat(codes(with, phone(1))).contains("PH_MODEL", "PH_MODEL_HIGH");
    assertThat(codes(without, phone(1))).doesNotContain("PH_MODEL", "PH_MODEL_HIGH");
    assertThat(codes(with, phone(2)))
        .as("not asked below the activity the rule needs")
        .doesNotContain("PH_MODEL");
  }

  @Test
  void aDecisionMadeOnTheModelNamesTheInputsThatMovedIt_oneOnTheRulesAloneDoesNot()
      throws Exception {
    Scenario s = new Scenario(new Engine(EngineConfig.defaults().withModels(byCalls())));
    List<Decision> decisions = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      decisions.add(s.call(T0 + i * MINUTE, phone(1), phone(100 + i), 60));
    }
    List<Decision> onModel =
        decisions.stream()
            .filter(d -> d.reasons().stream().anyMatch(r -> r.code().equals("PH_MODEL")))
            .toList();
    assertThat(onModel).as("the model holds the number from its fifth call on").isNotEmpty();
    Decision first = onModel.get(0);
    assertThat(first.entity()).isEqualTo(phone(1));
    assertThat(first.reasons()).extracting(Reason::code).contains("MODEL:out_calls");
    assertThat(onModel.get(onModel.size() - 1).reasons())
        .extracting(Reason::code)
        .as("later decisions name the rule only")
        .doesNotContain("MODEL:out_calls");
    Reason why =
        first.reasons().stream()
            .filter(r -> r.code().equals("MODEL:out_calls"))
            .findFirst()
            .orElseThrow();
    assertThat(why.textEn()).matches("Model: out_calls = [5-8] moved its log-odds by \\+6\\.00");
    assertThat(why.textZh()).startsWith("模型依据 out_calls = ");
    Scenario rulesAlone =
        new Scenario(new Engine(EngineConfig.defaults().withModels(Models.none())));
    Decision d = null;
    for (int i = 0; i < 8; i++) {
      d = rulesAlone.call(T0 + i * MINUTE, phone(1), phone(100 + i), 60);
    }
    assertThat(d.reasons()).extracting(Reason::code).noneMatch(c -> c.startsWith("MODEL:"));
  }

  @Test
  void modelsSwapBetweenEvents() throws Exception {
    Scenario s = new Scenario(new Engine(EngineConfig.defaults().withModels(Models.none())));
    calls(s, phone(1), 6);
    assertThat(codes(s, phone(1))).doesNotContain("PH_MODEL");
    s.engine().useModels(certain());
    s.call(T0 + 10 * MINUTE, phone(1), phone(200), 60);
    assertThat(codes(s, phone(1))).contains("PH_MODEL");
  }

  @Test
  void theModelsReasonsAddUpToItsScore() {
    Models shipped = Models.shipped();
    Scenario s = new Scenario(new Engine(EngineConfig.defaults()));
    for (int i = 0; i < 40; i++) {
      s.call(T0 + i * MINUTE, phone(1), phone(300 + i), i % 3 == 0 ? 8 : 0);
    }
    List<EntityModel.Contribution> reasons =
        s.engine().modelReasons(EntityKind.PHONE, phone(1), 100);
    double margin = shipped.phone().forest().expectedMargin();
    for (EntityModel.Contribution c : reasons) {
      margin += c.logOdds();
    }
    double p = 1 / (1 + Math.exp(-margin));
    assertThat(s.engine().modelScore(EntityKind.PHONE, phone(1)))
        .isCloseTo(p, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(reasons)
        .isSortedAccordingTo(
            (a, b) -> Double.compare(Math.abs(b.logOdds()), Math.abs(a.logOdds())));
  }
}
