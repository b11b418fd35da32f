package org.fanzha.server.support;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A test class that drives one headless Chromium with its interface in Chinese, started before its
 * tests and quit after them (skipped where Chromium is not installed, see {@link Browsers}).
 */
public abstract class ChromiumTest {
  protected static WebDriver browser;

  @BeforeAll
  static void startBrowser() {
    browser = Browsers.headlessChromium("zh-CN");
  }

  /** Waits up to ten seconds for an element of the page the last click or load leads to. */
  protected static WebElement waitFor(By by) {
    return new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.presenceOfElementLocated(by));
  }

  /** Waits up to ten seconds until an element of the page holds {@code text}. */
  protected static void waitForText(By by, String text) {
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
      browser = null;
    }
  }
}
