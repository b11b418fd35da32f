package org.fanzha.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.fanzha.server.support.Browsers;
import org.fanzha.server.support.TestDirs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real browser (Debian's headless Chromium): events posted to the API show up in
 * the live tables, masked, with reasons in the page's language, and the charts render. Skipped
 * where Chromium or chromedriver is absent.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserTest {

  static final Path DATA = TestDirs.create("fanzha-browser");

  static WebDriver browser;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.demo-user.password", () -> "analyst-pw");
    r.add("fanzha.security.admin-password", () -> "admin-pw");
  }

  @LocalServerPort int port;

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

  private void post(String ndjson) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                    .header("Content-Type", "application/x-ndjson")
                    .header(
                        "Authorization",
                        "Basic "
                            + java.util.Base64.getEncoder()
                                .encodeToString("admin:admin-pw".getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(ndjson, StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void console_showsPostedRiskMaskedAndSwitchesLanguage() throws Exception {
    // A confirmed fraud number (label) that several people report: the engine must rank it among
    // the riskiest.
    StringBuilder events =
        new StringBuilder(
            "{\"type\":\"label\",\"id\":\"b-l1\",\"ts\":\"2026-11-27T09:00:00+08:00\",\"entity_kind\":\"phone\","
                + "\"entity\":\"17012345678\",\"role\":\"fraud_number\",\"fraud_type\":\"police\"}\n");
    for (int i = 0; i < 3; i++) {
      events
          .append("{\"type\":\"report\",\"id\":\"b-r")
          .append(i)
          .append("\",\"ts\":\"2026-11-27T09:1")
          .append(i)
          .append(":00+08:00\",\"reporter\":\"1390000000")
          .append(i)
          .append(
              "\",\"targets\":[{\"kind\":\"phone\",\"value\":\"17012345678\"}],\"fraud_type\":\"police\"}\n");
    }
    post(events.toString());

    Browsers.signIn(browser, "http://localhost:" + port, "demo", "analyst-pw");
    browser.get("http://localhost:" + port + "/?lang=zh_CN");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("riskiest"), "170****5678"));

    String table = browser.findElement(By.id("riskiest")).getText();
    assertThat(table).contains("170****5678").doesNotContain("17012345678");
    assertThat(table)
        .containsPattern("[\\u4e00-\\u9fa5]"); // reasons in Chinese on the Chinese page
    assertThat(browser.findElement(By.tagName("h1")).getText())
        .containsPattern("[\\u4e00-\\u9fa5]");
    // ECharts draws into a canvas once the live data arrives.
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rate-chart canvas")));
    wait.until(d -> !d.findElement(By.id("processed")).getText().equals("0"));

    browser.findElement(By.id("lang")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("riskiest"), "170****5678"));
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    String english = browser.findElement(By.id("riskiest")).getText();
    assertThat(english).doesNotContainPattern("[\\u4e00-\\u9fa5]").containsPattern("[A-Za-z]{4,}");
  }
}
