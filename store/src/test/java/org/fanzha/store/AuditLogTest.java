package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
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
      AuditEntry a = log.record("wang", "ANALYST", "entity.view", EntityKind.PHONE, "+8613800138000", true);
      AuditEntry b = log.record("anonymous", "ANONYMOUS", "entity.view", EntityKind.ACCOUNT, "621700001000123", false);

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
  void verify_editedRow_reportsThatRow(Target target) throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      AuditLog log = t.db().audit();
      for (int i = 0; i < 4; i++) {
        log.record("wang", "ANALYST", "entity.view", EntityKind.PHONE, "+861380013800" + i, true);
      }
      try (Connection c = t.db().dataSource().getConnection(); Statement s = c.createStatement()) {
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
      try (Connection c = t.db().dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM lookup_audit WHERE id = 2");
      }

      assertThat(log.verify()).hasValue(3);
    }
  }
}
