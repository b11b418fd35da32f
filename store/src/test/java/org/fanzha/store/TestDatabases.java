package org.fanzha.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens a fresh database for a test: an H2 file in a temp folder, or a new schema on PostgreSQL.
 */
final class TestDatabases {

  /** Where a test runs; PostgreSQL only when {@code FANZHA_TEST_PG_URL} is set (CI starts one). */
  enum Target {
    H2,
    POSTGRESQL
  }

  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  private TestDatabases() {}

  /** A database to close after the test; on PostgreSQL closing drops its schema. */
  record TestDb(Database db, Runnable cleanup) implements AutoCloseable {
    @Override
    public void close() {
      db.close();
      cleanup.run();
    }
  }

  static TestDb open(Target target, Path tmp) {
    if (target == Target.H2) {
      return new TestDb(Database.openH2(tmp), () -> {});
    }
    String base = System.getenv("FANZHA_TEST_PG_URL");
    assumeTrue(
        base != null && !base.isBlank(), "FANZHA_TEST_PG_URL not set: PostgreSQL tests skipped");
    String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    exec(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
    String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    // the journal's log in the test folder, as a server keeps it in its data folder beside a
    // PostgreSQL store
    return new TestDb(
        Database.openUrl(url, null, null, Database.journalLogIn(tmp)),
        () -> exec(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
  }

  /** Reopens the same database (a restart); for H2 the same folder. */
  static Database reopen(Database db, Path tmp) {
    return db.dialect() == Dialect.H2
        ? Database.openH2(tmp)
        : Database.openUrl(db.url(), null, null, Database.journalLogIn(tmp));
  }

  static void exec(String url, String... sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
