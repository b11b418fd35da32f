package org.fanzha.server.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10's "done when" in Chromium: a person reports an account on the portal; an analyst lists
 * it in the console; a portal look-up shows it listed; a transfer to it is held with the listing's
 * reason; the owner appeals on the portal with a PDF; a reviewer upholds in the console; the portal
 * shows the appeal upheld, the next look-up and the next transfer show the listing lifted.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ListsBrowserTest {
  static final Path DATA = TestDirs.create("fanzha-lists-browser");
  static final String ACCOUNT = "6217000010001234569";
  static WebDriver browser;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.engine.content-model", () -> "false");
  }

  @LocalServerPort int port;
  final JsonMapper json = JsonMapper.builder().build();

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
  void reportListLookUpHoldAppealUpholdLifted() throws Exception {
    String base = "http://localhost:" + port;
    Api admin = new Api(port, "admin", "admin-pw");

    // a person reports the account on the portal, no login
    browser.get(base + "/portal");
    new Select(browser.findElement(By.id("r-kind"))).selectByValue("account");
    browser.findElement(By.id("r-value")).sendKeys(ACCOUNT);
    browser.findElement(By.id("r-text")).sendKeys("自称快递客服，让我转账到这个账户办理理赔");
    browser.findElement(By.id("report-button")).click();
    assertThat(waitFor(By.id("reported")).getText()).contains("PR-");
    assertThat(lookUp(base)).isEqualTo("band reported");

    // an analyst lists it in the console
    Browsers.signIn(browser, base, "admin", "admin-pw");
    browser.get(base + "/lists");
    new Select(browser.findElement(By.id("add-list"))).selectByValue("black");
    new Select(browser.findElement(By.id("add-kind"))).selectByValue("account");
    browser.findElement(By.id("add-value")).sendKeys(ACCOUNT);
    browser.findElement(By.id("add-reason")).sendKeys("多名受害人转入后快进快出");
    browser.findElement(By.id("add-button")).click();
    WebElement row = waitFor(By.cssSelector("#entries tbody tr"));
    assertThat(row.getText()).contains("黑名单").contains(ACCOUNT).contains("多名受害人转入后快进快出");
    browser.manage().deleteAllCookies();

    // the portal now says listed, and a bank's transfer to it is held with the listing's reason
    assertThat(lookUp(base)).isEqualTo("band listed");
    var held = json.readTree(decide(admin, "lb-t1").body());
    assertThat(held.path("action").asString()).isEqualTo("hold");
    assertThat(held.path("listings").path(0).path("reason").asString()).isEqualTo("多名受害人转入后快进快出");

    // the owner appeals on the portal with a PDF and keeps the token
    Path pdf = Files.createTempFile(DATA, "licence", ".pdf");
    Files.write(pdf, "%PDF-1.4\n营业执照\n%%EOF".getBytes(StandardCharsets.UTF_8));
    browser.get(base + "/portal/appeal");
    new Select(browser.findElement(By.id("a-kind"))).selectByValue("account");
    browser.findElement(By.id("a-value")).sendKeys(ACCOUNT);
    browser.findElement(By.id("a-reason")).sendKeys("这是我店铺的收款账户，附营业执照");
    browser.findElement(By.id("a-contact")).sendKeys("店主 王女士");
    browser.findElement(By.id("a-files")).sendKeys(pdf.toString());
    browser.findElement(By.id("appeal-button")).click();
    String token = waitFor(By.id("appeal-token")).getText();
    assertThat(token).hasSizeGreaterThan(20);

    // a reviewer (not the analyst who listed it) upholds it in the console
    HttpResponse<String> user =
        admin.post(
            "/api/v1/users",
            "{\"name\":\"rev\",\"password\":\"rev-password-1\","
                + "\"roles\":[\"REVIEWER\"],\"regions\":[]}");
    assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
    Browsers.signIn(browser, base, "rev", "rev-password-1");
    browser.get(base + "/appeals");
    WebElement appeal =
        browser.findElements(By.cssSelector("#appeals tbody tr")).stream()
            .filter(r -> r.getText().contains(ACCOUNT))
            .findFirst()
            .orElseThrow();
    assertThat(appeal.getText()).contains("店主 王女士").contains(".pdf");
    appeal.findElement(By.name("note")).sendKeys("营业执照核实无误");
    appeal.findElement(By.className("uphold")).click();
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(
            ExpectedConditions.numberOfElementsToBe(
                By.xpath("//tr[contains(., '" + ACCOUNT + "')]"), 0));
    browser.manage().deleteAllCookies();

    // the portal shows the appeal upheld; the next look-up and transfer show it lifted
    browser.get(base + "/portal/appeal");
    browser.findElement(By.id("token")).sendKeys(token);
    browser.findElement(By.id("status-button")).click();
    assertThat(waitFor(By.id("appeal-status")).getText()).contains("申诉成立").contains("营业执照核实无误");
    assertThat(lookUp(base)).isNotEqualTo("band listed");
    var after = json.readTree(decide(admin, "lb-t2").body());
    assertThat(after.path("action").asString()).isNotEqualTo("hold");
  }

  private String lookUp(String base) {
    browser.get(base + "/portal");
    new Select(browser.findElement(By.id("kind"))).selectByValue("account");
    browser.findElement(By.id("value")).sendKeys(ACCOUNT);
    browser.findElement(By.id("lookup-button")).click();
    return waitFor(By.id("band")).getAttribute("class");
  }

  private WebElement waitFor(By by) {
    return new WebDriverWait(browser, Duration.ofSeconds(15))
        .withMessage(() -> browser.getPageSource())
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private HttpResponse<String> decide(Api admin, String id) throws Exception {
    HttpResponse<String> r =
        admin.post(
            "/api/v1/decide",
            "{\"type\":\"transfer\",\"id\":\""
                + id
                + "\",\"ts\":"
                + System.currentTimeMillis()
                + ",\"from\":\"6222020200112233446\",\"to\":\""
                + ACCOUNT
                + "\",\"amount\":\"800.00\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r;
  }
}
