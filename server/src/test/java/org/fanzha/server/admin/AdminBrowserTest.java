package org.fanzha.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.Browsers;
import org.fanzha.server.support.ChromiumTest;
import org.fanzha.server.support.TestDirs;
import org.fanzha.store.Database;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An administrator in Chromium creates a regional analyst, issues a key (shown once, then working,
 * then revoked) and registers a clue receiver; an analyst may not open the page.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminBrowserTest extends ChromiumTest {
  static final Path DATA = TestDirs.create("fanzha-admin-browser");

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.security.demo-user.password", () -> "analyst-pw");
  }

  @LocalServerPort int port;
  @Autowired Database db;

  @Test
  void anAdministratorMakesAUserAKeyAndAReceiver() throws Exception {
    assertThat(new Api(port, "demo", "analyst-pw").get("/admin").statusCode()).isEqualTo(403);
    String base = "http://localhost:" + port;
    Browsers.signIn(browser, base, "admin", "admin-pw");
    browser.get(base + "/");
    browser.findElement(By.id("admin-link")).click();
    waitFor(By.id("user-form"));

    browser.findElement(By.id("user-name")).sendKeys("ly.analyst");
    browser.findElement(By.id("user-password")).sendKeys("a-long-password-1");
    browser.findElement(By.id("user-role-ANALYST")).click();
    browser.findElement(By.id("user-regions")).sendKeys("4103, 4104");
    browser.findElement(By.id("create-user")).click();
    waitForText(By.id("users"), "ly.analyst");
    assertThat(browser.findElement(By.id("users")).getText())
        .contains("ly.analyst")
        .contains("4103, 4104");
    assertThat(db.users().find("ly.analyst").orElseThrow().regions())
        .containsExactly("4103", "4104");

    browser.findElement(By.id("key-name")).sendKeys("bank intake");
    browser.findElement(By.id("key-role-INGEST")).click();
    browser.findElement(By.id("issue-key")).click();
    String key = waitFor(By.id("issued-key")).getText();
    assertThat(key).startsWith("fzk_");
    Api withKey = new Api(port, "demo", "analyst-pw").withKey(key);
    assertThat(withKey.post("/api/v1/events", "").statusCode())
        .as("the key signs in")
        .isNotEqualTo(401);
    browser.navigate().refresh();
    assertThat(browser.findElements(By.id("issued-key"))).as("shown once").isEmpty();
    String id = key.substring(4, 16);
    WebElement row = browser.findElement(By.id("key-" + id));
    row.findElement(By.className("revoke")).click();
    waitForText(By.id("key-" + id), "已吊销");
    assertThat(withKey.post("/api/v1/events", "").statusCode()).isEqualTo(401);

    browser.findElement(By.id("institution-name")).sendKeys("洛阳市反诈中心");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("institution-kind")))
        .selectByValue("police");
    browser.findElement(By.id("register-institution")).click();
    assertThat(waitFor(By.id("issued-key")).getText()).startsWith("fzk_");
    assertThat(browser.findElement(By.id("institutions")).getText())
        .contains("洛阳市反诈中心")
        .contains("公安机关");
  }
}
