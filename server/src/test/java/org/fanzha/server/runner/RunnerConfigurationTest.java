package org.fanzha.server.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleSpec;
import org.fanzha.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart scores with the version that was live, not the start-up rules. */
class RunnerConfigurationTest {

  @TempDir Path tmp;

  @Test
  void engineConfig_afterAPublish_isThePublishedVersion() {
    try (Database db = Database.openH2(tmp)) {
      RunnerConfiguration rc = new RunnerConfiguration();
      EngineConfig before = rc.engineConfig(db, new EngineSources("", false, ""));
      assertThat(before.rules().rules(RuleSpec.Kind.PHONE).indexOf("PH_ONLY")).isNegative();

      long v =
          db.ruleVersions()
              .insertDraft(
                  """
          rules:
            - code: PH_ONLY
              applies_to: phone
              weight: 10
              when: features.out_calls > 0
              reason: {zh: "有外呼", en: "Calls out"}
          """,
                  "ana",
                  1,
                  null);
      db.ruleVersions().publish(v, "rev", 2);

      EngineConfig after = rc.engineConfig(db, new EngineSources("", false, ""));
      assertThat(after.rules().rules(RuleSpec.Kind.PHONE).rules())
          .extracting(r -> r.code())
          .containsExactly("PH_ONLY");
      assertThat(after.rules().params()).isEqualTo(RuleBook.defaults().params());
    }
  }
}
