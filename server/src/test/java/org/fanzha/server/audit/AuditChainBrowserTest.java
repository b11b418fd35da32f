package org.fanzha.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.Browsers;
import org.fanzha.server.support.ChromiumTest;
import org.fanzha.server.support.TestDirs;
import org.fanzha.store.AuditEntry;
import org.fanzha.store.Database;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * An administrator watches the audit chain in Chromium: intact after real look-ups; a row changed
 * behind the server's back (straight in the database) is caught by the next check, named by its
 * number on the page and in the gauge; an analyst may not open the page.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditChainBrowserTest extends ChromiumTest {
  static final Path DATA = TestDirs.create("fanzha-audit-browser");

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.demo-user.password", () -> "analyst-pw");
    r.add("fanzha.security.admin-password", () -> "admin-pw");
  }

  @LocalServerPort int port;
  @Autowired Database db;
  @Autowired AuditChain chain;

  @Test
  void aRowChangedInTheDatabaseIsCaughtAndShown() throws Exception {
    Api analyst = new Api(port, "demo", "analyst-pw");
    for (String phone : new String[] {"13800138000", "13800138001", "13800138002"}) {
      assertThat(analyst.get("/api/v1/entities/phone/" + phone).statusCode()).isIn(200, 404);
    }
    assertThat(analyst.get("/audit").statusCode()).isEqualTo(403);
    String base = "http://localhost:" + port;
    Browsers.signIn(browser, base, "admin", "admin-pw");
    browser.get(base + "/audit");
    browser.findElement(By.id("check-now")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.textToBe(By.id("chain-state"), "完整"));
    assertThat(browser.findElement(By.id("entries")).getText())
        .contains("138****8001")
        .doesNotContain("13800138001");

    AuditEntry victim =
        db.audit().recent(50).stream()
            .filter(e -> e.entity().equals("+8613800138001"))
            .findFirst()
            .orElseThrow();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE lookup_audit SET actor = 'nobody' WHERE id = " + victim.id());
    }
    browser.findElement(By.id("check-now")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.textToBe(By.id("chain-state"), "第 " + victim.id() + " 条起断裂"));
    assertThat(chain.last()).isNotNull();
    assertThat(chain.last().brokenAt()).isEqualTo(victim.id());
    String gauge =
        new Api(port, "admin", "admin-pw")
            .get("/actuator/metrics/fanzha.audit.chain.intact")
            .body();
    assertThat(
            JsonMapper.builder()
                .build()
                .readTree(gauge)
                .path("measurements")
                .get(0)
                .path("value")
                .asDouble())
        .isZero();
  }
}
