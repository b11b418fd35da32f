package org.fanzha.server.issues;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link IntakeStoreParityTest} on PostgreSQL, in a schema of its own; runs where {@code
 * FANZHA_TEST_PG_URL} is set (CI).
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIfEnvironmentVariable(named = "FANZHA_TEST_PG_URL", matches = ".+")
class OnPostgres extends IntakeStoreParityTest {

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) throws SQLException {
    String base = System.getenv("FANZHA_TEST_PG_URL");
    String schema = "parity_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(base);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    }
    r.add(
        "fanzha.db-url", () -> base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
  }
}
