package org.fanzha.server.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.Browsers;
import org.fanzha.server.support.ChromiumTest;
import org.fanzha.server.support.TestDirs;
import org.fanzha.server.warnings.WarningDesk;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An analyst of Luoyang (410300 and 410400, user regions "4103", "4104") works in Chromium: their
 * county's warning is in "nobody works these yet", Hangzhou's is nowhere, not on the warning desk
 * either; they take it, it moves to "given to me", they add a note on its page and follow the link
 * to the task.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkBrowserTest extends ChromiumTest {
  static final Path DATA = TestDirs.create("fanzha-work-browser");
  static final long NOW = System.currentTimeMillis();
  static final String FRAUD = "+8617012345691";

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.engine.content-model", () -> "false");
  }

  @LocalServerPort int port;
  @Autowired WarningDesk warnings;

  static String event(String type, String id, int minutesAgo, String fields) {
    return "{\"type\":\""
        + type
        + "\",\"id\":\""
        + id
        + "\",\"ts\":\""
        + Timestamps.format(NOW - minutesAgo * 60_000L)
        + "\","
        + fields
        + "}";
  }

  @Test
  void aRegionalAnalystTakesTheirCountysWarningAndNotesIt() throws Exception {
    Api admin = new Api(port, "admin", "admin-pw");
    assertThat(
            admin
                .post(
                    "/api/v1/events",
                    String.join(
                        "\n",
                        event(
                            "label",
                            "wb-l1",
                            120,
                            "\"entity_kind\":\"phone\",\"entity\":\""
                                + FRAUD
                                + "\",\"role\":\"fraud_number\",\"fraud_type\":\"police\""),
                        event(
                            "call",
                            "wb-c1",
                            30,
                            "\"caller\":\""
                                + FRAUD
                                + "\",\"callee\":\"13800138041\",\"duration_s\":900,"
                                + "\"callee_region\":\"410402\""),
                        event(
                            "call",
                            "wb-c2",
                            29,
                            "\"caller\":\""
                                + FRAUD
                                + "\",\"callee\":\"13800138042\",\"duration_s\":900,"
                                + "\"callee_region\":\"330106\"")))
                .statusCode())
        .isEqualTo(200);
    assertThat(warnings.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(
            admin
                .post(
                    "/api/v1/users",
                    "{\"name\":\"ly-analyst\",\"password\":\"ly-analyst-pw\","
                        + "\"roles\":[\"ANALYST\"],\"regions\":[\"4103\",\"4104\"]}")
                .statusCode())
        .isEqualTo(201);

    String base = "http://localhost:" + port;
    Browsers.signIn(browser, base, "ly-analyst", "ly-analyst-pw");
    browser.get(base + "/");
    browser.findElement(By.id("work-link")).click();
    WebElement unassigned = waitFor(By.id("unassigned"));
    assertThat(unassigned.getText()).contains("138****8041").doesNotContain("138****8042");
    assertThat(browser.findElement(By.id("mine")).getText()).doesNotContain("138****8041");
    browser.get(base + "/warnings?status=all");
    assertThat(browser.findElement(By.id("queue")).getText())
        .contains("138****8041")
        .doesNotContain("138****8042");

    browser.get(base + "/work");
    WebElement row =
        browser.findElements(By.cssSelector("#unassigned tbody tr")).stream()
            .filter(r -> r.getText().contains("138****8041"))
            .findFirst()
            .orElseThrow();
    row.findElement(By.className("claim")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.textToBe(By.id("assignee"), "ly-analyst"));
    browser.findElement(By.id("note-text")).sendKeys("已电话联系本人，正在劝阻");
    browser.findElement(By.id("add-note")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("notes"), "已电话联系本人，正在劝阻"));
    browser.get(base + "/work");
    assertThat(browser.findElement(By.id("mine")).getText()).contains("138****8041");
    browser.findElement(By.cssSelector("#mine tbody tr a")).click();
    waitFor(By.id("source-link")).click();
    assertThat(waitFor(By.id("sms")).getText()).contains("12381");
  }
}
