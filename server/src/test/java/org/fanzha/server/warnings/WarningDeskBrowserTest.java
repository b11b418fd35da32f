package org.fanzha.server.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.Browsers;
import org.fanzha.server.support.TestDirs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An analyst works a warning in Chromium: it sits in the county's queue with its type and severity,
 * its page shows the 12381 SMS and the 96110 script, one click records "dissuaded" with the money
 * protected, and the desk's statistics change.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WarningDeskBrowserTest {
  static final Path DATA = TestDirs.create("fanzha-desk-browser");
  static final long NOW = System.currentTimeMillis();
  static WebDriver browser;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.demo-user.password", () -> "analyst-pw");
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.engine.content-model", () -> "false");
  }

  @LocalServerPort int port;
  @Autowired WarningDesk desk;

  @BeforeAll
  static void startBrowser() {
    browser = Browsers.headlessChromium("zh-CN");
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void anAnalystFindsTheWarningInTheCountyQueueReadsTheScriptAndRecordsDissuaded()
      throws Exception {
    String fraud = "+8617012345678";
    post(
        String.join(
            "\n",
            WarningDeskTest.event(
                "label",
                "bd-l1",
                120,
                "\"entity_kind\":\"phone\",\"entity\":\""
                    + fraud
                    + "\",\"role\":\"fraud_number\",\"fraud_type\":\"police\""),
            WarningDeskTest.event(
                "call",
                "bd-c1",
                30,
                "\"caller\":\""
                    + fraud
                    + "\",\"callee\":\"13800138009\","
                    + "\"duration_s\":900,\"callee_region\":\"410402\"")));
    assertThat(desk.awaitIdle(Duration.ofSeconds(10))).isTrue();
    String base = "http://localhost:" + port;
    Browsers.signIn(browser, base, "demo", "analyst-pw");

    browser.get(base + "/warnings?unit=410402");
    assertThat(browser.findElement(By.id("stat-dissuaded")).getText()).isEqualTo("0");
    WebElement row =
        browser.findElements(By.cssSelector("#queue tbody tr")).stream()
            .filter(r -> r.getText().contains("138****8009"))
            .findFirst()
            .orElseThrow();
    assertThat(row.findElement(By.className("fraud-type")).getText()).isEqualTo("冒充公检法");
    assertThat(row.getText()).contains("410402").contains("县级");
    row.findElement(By.tagName("a")).click();

    assertThat(browser.findElement(By.id("sms")).getText())
        .contains("12381")
        .contains("170****5678");
    assertThat(browser.findElement(By.id("script")).getText()).contains("96110");
    assertThat(browser.findElements(By.cssSelector("#timeline tbody tr"))).isNotEmpty();
    browser.findElement(By.id("amount")).sendKeys("49000");
    browser.findElement(By.id("outcome-dissuaded")).click();

    // the form posts and the browser follows the redirect back to the task: wait for that page, not
    // the one left
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .withMessage(() -> browser.getPageSource())
        .until(ExpectedConditions.textToBe(By.id("task-status"), "劝阻成功"));
    assertThat(browser.findElements(By.id("outcome-form"))).as("closed: no more buttons").isEmpty();
    browser.get(base + "/warnings?unit=410402&status=all");
    assertThat(browser.findElement(By.id("stat-dissuaded")).getText()).isEqualTo("1");
    assertThat(browser.findElement(By.id("stat-protected")).getText()).isEqualTo("49,000.00");
  }

  private void post(String ndjson) throws Exception {
    HttpResponse<String> r = new Api(port, "admin", "admin-pw").post("/api/v1/events", ndjson);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
