package org.fanzha.server.issues;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.runner.EmbeddedRunner;
import org.fanzha.server.support.Browsers;
import org.fanzha.server.support.TestDirs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 16, finding 1, in a real browser (Debian's headless Chromium): a fund flow whose accounts
 * are named as markup is drawn, the mouse hovers every node of the chart, and no markup becomes an
 * element and no script runs. Intake refuses such names now, so they are put straight into the
 * runner here: they stand for any name that reaches the page by another way (an older journal, a
 * future import), which the page must still show as text.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileChartNamesBrowserTest {

  static final String VICTIM = "alipay:victim<iframe/src=javascript:window.__xss=4>";
  static final String MULE = "alipay:\"><svg/onload=window.__xss=2>";
  static final String MULE_B = "wechat:<script>window.__xss=3</script>";
  static final String ATM = "cash:<img/src=x/onerror=window.__xss=1>";

  static WebDriver browser;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    String data = TestDirs.create("fanzha-xss").toString();
    r.add("fanzha.data", () -> data);
    r.add("fanzha.security.demo-user.password", () -> "analyst-pw");
  }

  @LocalServerPort int port;
  @Autowired EmbeddedRunner runner;

  @BeforeAll
  static void startBrowser() {
    browser = Browsers.headlessChromium("en");
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void hoveringEveryNodeOfAFlowNamedAsMarkup_showsTheNamesAsTextAndRunsNothing() throws Exception {
    long t = Timestamps.parseIso("2026-11-27T10:00:00+08:00");
    List<Event> flow =
        List.of(
            transfer("xss-t1", t, VICTIM, MULE, 1_000_000),
            transfer("xss-t2", t + 60_000, MULE, ATM, 600_000),
            transfer("xss-t3", t + 120_000, MULE, MULE_B, 390_000));
    runner.submit(flow).get(30, TimeUnit.SECONDS);

    Browsers.signIn(browser, "http://localhost:" + port, "demo", "analyst-pw");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    try {
      wait.until(
          d -> {
            d.get("http://localhost:" + port + "/funds/transfer/xss-t1?lang=en");
            return !d.findElements(By.cssSelector("#flow-chart canvas")).isEmpty();
          });
    } catch (RuntimeException e) {
      System.out.println(
          "The trace page did not draw its chart; it was "
              + browser.getCurrentUrl()
              + "\n"
              + browser.getPageSource());
      throw e;
    }
    JavascriptExecutor js = (JavascriptExecutor) browser;
    WebElement chart = browser.findElement(By.id("flow-chart"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> nodes =
        (List<Map<String, Object>>)
            js.executeScript(
                "const c = echarts.getInstanceByDom(arguments[0]);"
                    + "return c.getOption().series[0].data.map(n => { const p = c.convertToPixel({seriesIndex: 0}, [n.x, n.y]);"
                    + " return {name: n.name, x: p[0], y: p[1]}; });",
                chart);
    assertThat(nodes).extracting(n -> (String) n.get("name")).contains(VICTIM, MULE, MULE_B, ATM);

    int width = chart.getRect().getWidth();
    int height = chart.getRect().getHeight();
    for (Map<String, Object> n : nodes) {
      String name = (String) n.get("name");
      new Actions(browser)
          .moveToElement(
              chart,
              (int) Math.round(num(n.get("x")) - width / 2.0),
              (int) Math.round(num(n.get("y")) - height / 2.0))
          .perform();
      // ECharts puts its tooltip in a div beside the canvas; it must hold the name as text, not as
      // elements.
      WebElement tip =
          wait.until(
              d ->
                  d.findElements(By.cssSelector("#flow-chart > div")).stream()
                      .filter(e -> e.isDisplayed() && e.getText().contains(name))
                      .findFirst()
                      .orElse(null));
      assertThat(tip.findElements(By.cssSelector("img, svg, script, iframe"))).as(name).isEmpty();
    }
    assertThat(js.executeScript("return window.__xss === undefined")).isEqualTo(true);
    assertThat(browser.findElements(By.cssSelector("img[src='x'], iframe, svg[onload]"))).isEmpty();
  }

  private static double num(Object o) {
    return ((Number) o).doubleValue();
  }

  private static TransferEvent transfer(String id, long ts, String from, String to, long fen) {
    return new TransferEvent(
        id, ts, null, from, to, fen, "CNY", null, null, null, null, null, null);
  }
}
