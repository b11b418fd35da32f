package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.store.TestDatabases.Target;
import org.fanzha.store.TestDatabases.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Target.class)
  void open_fresh_appliesEveryMigrationInVersionOrder(Target target) throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      List<String> applied = new ArrayList<>();
      try (Connection c = t.db().dataSource().getConnection();
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
        while (rs.next()) {
          assertThat(rs.getBoolean(2)).isTrue();
          applied.add(rs.getString(1));
        }
      }
      assertThat(applied)
          .containsExactly(
              "20261127100000",
              "20261127100100",
              "20261127100200",
              "20261127100300",
              "20261127100400",
              "20261127120000",
              "20261204100000",
              "20261204130000",
              "20261205100000",
              "20261206100000",
              "20261207100000",
              "20261207110000",
              "20261207120000",
              "20261207130000",
              "20261208100000",
              "20261209100000");
    }
  }

  @Test
  void open_dataDir_createsH2FileThereAndReopens() {
    Path data = tmp.resolve("data");
    try (Database db = Database.open(data.toString())) {
      assertThat(db.dialect()).isEqualTo(Dialect.H2);
      db.journal().append(List.of(TestEvents.fraudCallsVictim("c1", TestEvents.T0)));
    }
    assertThat(Files.exists(data.resolve("fanzha.mv.db"))).isTrue();
    try (Database db = Database.open(data.toString())) {
      assertThat(db.journal().count()).isEqualTo(1);
    }
  }

  @Test
  void dialectOf_unknownUrl_isRefusedNamingTheUrl() {
    assertThatThrownBy(() -> Dialect.of("jdbc:mysql://x/y"))
        .hasMessageContaining("jdbc:mysql://x/y");
  }
}
