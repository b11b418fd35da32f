package org.fanzha.server.assessments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.fanzha.server.support.Browsers;
import org.fanzha.server.support.ChromiumTest;
import org.fanzha.server.support.TestDirs;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An analyst fills in a new-business assessment in Chromium (a ticked risk point without its
 * control is refused and the form keeps what was typed), and a reviewer signs it off on its page.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AssessmentsBrowserTest extends ChromiumTest {
  static final Path DATA = TestDirs.create("fanzha-assessments-browser");

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.security.demo-user.password", () -> "analyst-pw");
    r.add("fanzha.security.reviewer-user.password", () -> "reviewer-pw");
  }

  @LocalServerPort int port;

  @Test
  void anAnalystRegistersAnAssessmentAndAReviewerSignsItOff() {
    String base = "http://localhost:" + port;
    Browsers.signIn(browser, base, "demo", "analyst-pw");
    browser.get(base + "/");
    browser.findElement(By.id("assessments-link")).click();
    waitFor(By.id("new-assessment")).click();
    waitFor(By.name("institution")).sendKeys("某运营商");
    browser.findElement(By.name("service")).sendKeys("物联网卡开卡");
    browser.findElement(By.name("description")).sendKeys("企业批量开通物联网卡");
    browser.findElement(By.name("launch_date")).sendKeys("03012027");
    browser.findElement(By.id("present-bulk_registration")).click();
    browser.findElement(By.id("submit-assessment")).click();

    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("form-error")));
    assertThat(browser.findElement(By.id("form-error")).getText())
        .startsWith("checklist.bulk_registration:");
    assertThat(browser.findElement(By.name("service")).getAttribute("value")).isEqualTo("物联网卡开卡");
    browser.findElement(By.id("control-bulk_registration")).sendKeys("单位每月最多开卡 100 张，超出人工复核");
    browser.findElement(By.id("submit-assessment")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.textToBe(By.id("assessment-status"), "待签批"));
    assertThat(browser.findElement(By.id("point-bulk_registration")).getText())
        .contains("存在")
        .contains("最多开卡 100 张");
    assertThat(browser.findElements(By.id("review-form")))
        .as("the author has no sign-off buttons")
        .isEmpty();
    String page = browser.getCurrentUrl();

    browser.get(base + "/logout");
    browser.manage().deleteAllCookies();
    Browsers.signIn(browser, base, "reviewer", "reviewer-pw");
    browser.get(page);
    browser.findElement(By.name("note")).sendKeys("措施可行");
    browser.findElement(By.id("approve")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.textToBe(By.id("assessment-status"), "已签批"));
    assertThat(browser.findElement(By.id("review")).getText())
        .startsWith("reviewer")
        .endsWith("措施可行");
  }
}
