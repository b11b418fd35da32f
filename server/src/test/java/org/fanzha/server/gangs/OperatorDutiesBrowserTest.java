package org.fanzha.server.gangs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.server.support.EventLines.event;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.Browsers;
import org.fanzha.server.support.ChromiumTest;
import org.fanzha.server.support.GangWorld;
import org.fanzha.server.support.TestDirs;
import org.fanzha.server.verifications.VerificationDesk;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' and banks' duties in Chromium: a dealer's sixth card refused at decide, the gang
 * around the dealer's farm and its mule drawn with its roles, a number's subscriber score with its
 * lines, and a re-verification task moved by one click.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperatorDutiesBrowserTest extends ChromiumTest {
  static final Path DATA = TestDirs.create("fanzha-operator-duties");
  static final long NOW = 1_795_741_200_000L;
  static final long DAY = GangWorld.DAY;
  static final String DEALER = GangWorld.DEALER;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.gangs.scan-every", () -> "PT1H"); // searched by the test
    r.add("fanzha.verification.scan-every", () -> "PT1H");
  }

  @LocalServerPort int port;
  @Autowired GangService gangs;
  @Autowired VerificationDesk verifications;
  final JsonMapper json = JsonMapper.builder().build();

  static String card(int i) {
    return GangWorld.card(i);
  }

  @Test
  void aRefusedCardAGangItsScoresAndAVerificationOnTheConsole() throws Exception {
    Api admin = new Api(port, "admin", "admin-pw");
    List<String> events = GangWorld.events(NOW);
    HttpResponse<String> loaded = admin.post("/api/v1/events", String.join("\n", events));
    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);

    JsonNode refused =
        json.readTree(
            admin
                .post(
                    "/api/v1/decide",
                    event(
                        "opening",
                        "od-o6",
                        NOW,
                        "\"kind\":\"sim\","
                            + "\"account\":\""
                            + card(6)
                            + "\",\"holder\":\""
                            + DEALER
                            + "\",\"channel\":\"online\""))
                .body());
    assertThat(refused.get("action").asString()).isEqualTo("hold");
    assertThat(refused.get("reasons"))
        .extracting(r -> r.get("code").asString())
        .contains("HO_OVER_CARD_LIMIT");

    GangService.Found found = gangs.searchNow();
    assertThat(found.gangs()).hasSize(1);
    verifications.tick();

    String base = "http://localhost:" + port;
    Browsers.signIn(browser, base, "admin", "admin-pw");
    browser.get(base + "/");
    browser.findElement(By.id("gangs-link")).click();
    String id = found.gangs().get(0).id();
    waitFor(By.id("gang-" + id));
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(b -> b.findElement(By.id("gang-chart")).getDomAttribute("data-drawn") != null);
    int drawn =
        Integer.parseInt(browser.findElement(By.id("gang-chart")).getDomAttribute("data-drawn"));
    assertThat(drawn).isEqualTo(found.gangs().get(0).members().size()).isGreaterThanOrEqualTo(8);
    assertThat(browser.findElement(By.id("gang-" + id)).getText())
        .contains(DEALER)
        .contains("30000.00");

    browser.get(base + "/subscribers");
    assertThat(browser.findElement(By.id("refused-openings")).getText())
        .contains("od-o6")
        .contains(DEALER)
        .contains("一证五号");
    browser.findElement(By.id("phone")).sendKeys(card(1));
    browser.findElement(By.cssSelector("#score-form button")).click();
    waitFor(By.id("score-band"));
    assertThat(browser.findElement(By.id("score-band")).getText()).isEqualTo("D档（限制）");
    assertThat(browser.findElement(By.id("score-lines")).getText()).contains("涉诈高风险号码");

    String task =
        browser.findElement(By.cssSelector("#verifications tbody tr")).getDomAttribute("id");
    assertThat(task).startsWith("task-");
    assertThat(browser.findElement(By.id(task)).getText()).contains("待核验");
    browser.findElement(By.cssSelector("#" + task + " button.failed")).click();
    waitForText(By.cssSelector("#" + task + " .status"), "已暂停服务");
    org.openqa.selenium.WebElement verified =
        browser.findElement(By.cssSelector("#" + task + " button.verified"));
    verified.click();
    // the outcome is a form post: leaving before its answer page raced it, and lost it now and then
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(verified));
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(b -> b.findElements(By.cssSelector("#" + task + " button.verified")).isEmpty());
    browser.get(base + "/subscribers?state=verified");
    waitForText(By.cssSelector("#" + task + " .status"), "已核验");
  }
}
