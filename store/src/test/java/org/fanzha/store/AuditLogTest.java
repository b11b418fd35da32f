package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.EntityKind;
import org.fanzha.store.TestDatabases.Target;
import org.fanzha.store.TestDatabases.TestDb;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditLogTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Target.class)
  void verify_untouchedLog_isIntactAndLinked(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      AuditLog log = t.db().audit();
      AuditEntry a =
          log.record("wang", "ANALYST", "entity.view", EntityKind.PHONE, "+8613800138000", true);
      AuditEntry b =
          log.record(
              "anonymous",
              "ANONYMOUS",
              "entity.view",
              EntityKind.ACCOUNT,
              "621700001000123",
              false);

      assertThat(a.prevHash()).isEqualTo(AuditLog.GENESIS);
      assertThat(b.prevHash()).isEqualTo(a.hash());
      assertThat(b.id()).isEqualTo(a.id() + 1);
      assertThat(log.verify()).isEmpty();
      assertThat(log.count()).isEqualTo(2);
      assertThat(log.recent(5)).extracting(AuditEntry::actor).containsExactly("anonymous", "wang");
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void recordAll_chainsItsActsInOrderAfterTheLastOne_andVerifies(Target target) throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      AuditLog log = t.db().audit();
      AuditEntry first =
          log.record("wang", "ANALYST", "entity.view", EntityKind.PHONE, "+8613800138000", true);
      List<AuditLog.Act> acts = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        acts.add(
            new AuditLog.Act(
                "system", "", "verification.opened", EntityKind.ACCOUNT, "acct" + i, true));
      }

      List<AuditEntry> written = log.recordAll(acts);

      assertThat(written)
          .extracting(AuditEntry::entity)
          .containsExactly("acct0", "acct1", "acct2", "acct3", "acct4");
      assertThat(written).extracting(AuditEntry::id).containsExactly(2L, 3L, 4L, 5L, 6L);
      assertThat(written.get(0).prevHash()).isEqualTo(first.hash());
      for (int i = 1; i < written.size(); i++) {
        assertThat(written.get(i).prevHash()).isEqualTo(written.get(i - 1).hash());
      }
      assertThat(log.recent(1)).containsExactly(written.get(4));
      assertThat(log.verify()).isEmpty();
      assertThat(log.recordAll(List.of())).isEmpty();
      try (Connection c = t.db().dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE lookup_audit SET entity = 'acct9' WHERE id = 4");
      }
      assertThat(log.verify()).as("a batch's rows are chained like any").hasValue(4);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void verify_editedRow_reportsThatRow(Target target) throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      AuditLog log = t.db().audit();
      for (int i = 0; i < 4; i++) {
        log.record("wang", "ANALYST", "entity.view", EntityKind.PHONE, "+861380013800" + i, true);
      }
      try (Connection c = t.db().dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE lookup_audit SET actor = 'someone-else' WHERE id = 3");
      }

      assertThat(log.verify()).hasValue(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void verify_deletedRow_reportsTheGap(Target target) throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      AuditLog log = t.db().audit();
      for (int i = 0; i < 4; i++) {
        log.record("wang", "ANALYST", "entity.view", EntityKind.PHONE, "+861380013800" + i, true);
      }
      try (Connection c = t.db().dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM lookup_audit WHERE id = 2");
      }

      assertThat(log.verify()).hasValue(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void retentionCutsTheOldestRows_theChainStillVerifiesAndGoesOn(Target target) throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      AuditLog old =
          new AuditLog(
              t.db().dataSource(), Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));
      AuditLog later =
          new AuditLog(
              t.db().dataSource(), Clock.fixed(Instant.ofEpochMilli(9_000), ZoneOffset.UTC));
      for (int i = 0; i < 3; i++) {
        old.record("wang", "ANALYST", "entity.view", EntityKind.PHONE, "+861380013800" + i, true);
      }
      AuditEntry kept =
          later.record("li", "ANALYST", "entity.view", EntityKind.PHONE, "+8613800138009", true);

      assertThat(later.cutBefore(5_000)).isEqualTo(3);
      assertThat(later.count()).isEqualTo(1);
      assertThat(later.anchor().id()).isEqualTo(3);
      assertThat(later.anchor().hash()).isEqualTo(kept.prevHash());
      assertThat(later.verify()).as("verified from the anchor").isEmpty();
      assertThat(later.cutBefore(5_000)).as("nothing older left").isZero();
      AuditEntry next =
          later.record("li", "ANALYST", "entity.view", EntityKind.PHONE, "+8613800138008", true);
      assertThat(next.prevHash()).isEqualTo(kept.hash());
      assertThat(later.verify()).isEmpty();

      try (Connection c = t.db().dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE lookup_audit SET entity = '+8613900000000' WHERE id = 4");
      }
      assertThat(later.verify()).as("an edit after the anchor is still caught").hasValue(4);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void retentionRefusesToCutABrokenChain_andEmptyingItKeepsTheLink(Target target) throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      AuditLog old =
          new AuditLog(
              t.db().dataSource(), Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));
      for (int i = 0; i < 3; i++) {
        old.record("wang", "ANALYST", "entity.view", EntityKind.PHONE, "+861380013800" + i, true);
      }
      try (Connection c = t.db().dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE lookup_audit SET actor = 'someone-else' WHERE id = 2");
      }
      assertThatThrownBy(() -> old.cutBefore(5_000)).hasMessageContaining("row 2");
      assertThat(old.count()).as("the evidence stays").isEqualTo(3);
      try (Connection c = t.db().dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE lookup_audit SET actor = 'wang' WHERE id = 2");
      }
      assertThat(old.cutBefore(5_000)).isEqualTo(3);
      AuditEntry first =
          old.record("li", "ANALYST", "entity.view", EntityKind.PHONE, "+8613800138009", true);
      assertThat(first.id()).isEqualTo(4);
      assertThat(first.prevHash()).isEqualTo(old.anchor().hash());
      assertThat(old.verify()).isEmpty();
    }
  }
}
