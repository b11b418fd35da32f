package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fanzha.store.TestDatabases.Target;
import org.fanzha.store.TestDatabases.TestDb;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RuleVersionRepositoryTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Target.class)
  void insertDraft_numbersVersionsInOrderAndKeepsTheTextAsGiven(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      RuleVersionRepository r = t.db().ruleVersions();
      String text = "rules:\n  - code: PH_X # 中文 注释\n" + "x".repeat(200_000);
      assertThat(r.insertDraft(text, "ana", 1000, null)).isEqualTo(1);
      assertThat(r.insertDraft("rules: []\n", "ana", 2000, "second")).isEqualTo(2);
      RuleVersion v1 = r.find(1).orElseThrow();
      assertThat(v1.source()).isEqualTo(text);
      assertThat(v1.state()).isEqualTo(RuleVersion.DRAFT);
      assertThat(r.list()).extracting(RuleVersion::version).containsExactly(2L, 1L);
      assertThat(r.live()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void publish_movesTheOneLiveMarkAndRetiresThePrevious(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      RuleVersionRepository r = t.db().ruleVersions();
      r.insertDraft("a", "ana", 1, null);
      r.insertDraft("b", "ana", 2, null);
      r.publish(1, "rev", 10);
      r.publish(2, "rev", 20);

      assertThat(r.live().orElseThrow().version()).isEqualTo(2);
      assertThat(r.find(1).orElseThrow().state()).isEqualTo(RuleVersion.RETIRED);
      assertThat(r.find(2).orElseThrow().publishedBy()).isEqualTo("rev");
      assertThat(r.find(2).orElseThrow().publishedAtMillis()).isEqualTo(20);
      assertThat(r.setState(2, RuleVersion.SHADOW))
          .as("the live version keeps its state")
          .isFalse();
      assertThat(r.setState(1, RuleVersion.SHADOW)).isTrue();
      r.publish(1, "rev", 30); // a rollback is publishing an earlier version
      assertThat(r.live().orElseThrow().version()).isEqualTo(1);
    }
  }
}
