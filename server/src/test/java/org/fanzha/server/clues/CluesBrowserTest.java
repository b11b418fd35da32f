package org.fanzha.server.clues;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.Browsers;
import org.fanzha.server.support.ChromiumTest;
import org.fanzha.server.support.TestDirs;
import org.fanzha.server.warnings.WarningDesk;
import org.fanzha.store.Clue;
import org.fanzha.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole way of a clue, seen in Chromium: a person paid after a warning; the analyst records it;
 * the bank that holds the account paid gets the clue on its webhook, signed; it acknowledges and
 * reports the account frozen; the console's clue page shows the answer and the bank's record, and a
 * clue nobody answered in time in red.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CluesBrowserTest extends ChromiumTest {
  static final Path DATA = TestDirs.create("fanzha-clues-browser");
  static final long NOW = System.currentTimeMillis();
  static final String SECRET = "bank-b-webhook-secret-002";
  static final String FRAUD = "+8617012345678";
  static final String VICTIM = "13800138011";
  static final String PAYEE = "6217000010001234569";
  static final BlockingQueue<byte[]> pushes = new LinkedBlockingQueue<>();
  static HttpServer receiver;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.demo-user.password", () -> "analyst-pw");
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.engine.content-model", () -> "false");
    r.add("fanzha.clues.push-every", () -> "PT0.1S");
  }

  @LocalServerPort int port;
  @Autowired WarningDesk warnings;
  @Autowired Database db;
  final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          boolean signed =
              WebhookSignature.verify(
                  SECRET,
                  body,
                  String.valueOf(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER)));
          if (signed) {
            pushes.add(body);
          }
          exchange.sendResponseHeaders(signed ? 200 : 401, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.stop(0);
  }

  @Test
  void aPaidWarningBecomesTheBanksClue_itsAnswerShowsInTheConsole() throws Exception {
    Api admin = new Api(port, "admin", "admin-pw");
    HttpResponse<String> bank =
        admin.post(
            "/api/v1/institutions",
            "{\"name\":\"Bank B\",\"kind\":\"bank\","
                + "\"webhook_url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort()
                + "/hook\",\"secret\":\""
                + SECRET
                + "\"}");
    assertThat(bank.statusCode()).as(bank.body()).isEqualTo(201);
    String bankKey = json.readTree(bank.body()).get("key").asString();

    post(
        admin,
        String.join(
            "\n",
            event(
                "label",
                "cb-l1",
                120,
                "\"entity_kind\":\"phone\",\"entity\":\""
                    + FRAUD
                    + "\",\"role\":\"fraud_number\",\"fraud_type\":\"police\""),
            event(
                "call",
                "cb-c1",
                30,
                "\"caller\":\""
                    + FRAUD
                    + "\",\"callee\":\""
                    + VICTIM
                    + "\",\"duration_s\":900,"
                    + "\"callee_region\":\"410402\""),
            event(
                "transfer",
                "cb-t1",
                10,
                "\"from\":\"6222020200112233446\",\"to\":\""
                    + PAYEE
                    + "\","
                    + "\"amount\":\"49000.00\",\"from_phone\":\""
                    + VICTIM
                    + "\"")));
    assertThat(warnings.awaitIdle(Duration.ofSeconds(10))).isTrue();
    String task = null;
    for (JsonNode w : json.readTree(admin.get("/api/v1/warnings").body()).path("warnings")) {
      if (w.path("victim_phone").asString().equals("+86" + VICTIM)) {
        task = w.path("id").asString();
      }
    }
    assertThat(task).as("the person's warning").isNotNull();
    assertThat(
            admin
                .post("/api/v1/warnings/" + task + "/outcome", "{\"outcome\":\"paid\"}")
                .statusCode())
        .isEqualTo(200);

    // the bank gets two pushes: the stop asked of it, and the confirmed case
    List<JsonNode> received = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      byte[] pushed = pushes.poll(15, TimeUnit.SECONDS);
      assertThat(pushed).as("a signed push reached the bank").isNotNull();
      received.add(json.readTree(new String(pushed, StandardCharsets.UTF_8)));
    }
    assertThat(received)
        .extracting(c -> c.path("source").asString())
        .containsExactlyInAnyOrder("hold", "warning");
    JsonNode clue =
        received.stream()
            .filter(c -> c.path("source").asString().equals("warning"))
            .findFirst()
            .orElseThrow();
    assertThat(clue.path("target").path("value").asString()).isEqualTo(PAYEE);
    assertThat(clue.path("fraud_type").asString()).isEqualTo("police");
    String id = clue.path("id").asString();
    Api asBank = admin.withKey(bankKey);
    assertThat(asBank.post("/api/v1/clues/" + id + "/ack", "").statusCode()).isEqualTo(200);
    assertThat(
            asBank
                .post(
                    "/api/v1/clues/" + id + "/feedback",
                    "{\"result\":\"account_frozen\"," + "\"note\":\"冻结六个月\"}")
                .statusCode())
        .isEqualTo(200);

    // a clue to the same bank nobody answered in time
    db.clues()
        .insert(
            Clue.fresh(
                "C-late-1",
                clue.path("institution").asString(),
                "test:late",
                "manual",
                "demo",
                "account",
                "6222020200112233446",
                "other",
                "medium",
                "410402",
                "410402",
                "late on purpose",
                List.of(),
                NOW - Duration.ofDays(4).toMillis(),
                NOW - Duration.ofDays(3).toMillis(),
                NOW - Duration.ofDays(1).toMillis(),
                null));

    String base = "http://localhost:" + port;
    Browsers.signIn(browser, base, "demo", "analyst-pw");
    browser.get(base + "/");
    browser.findElement(By.id("clues-link")).click();
    waitForText(By.tagName("h2"), "接收机构");
    browser.get(base + "/clues?status=all");
    WebElement answered = browser.findElement(By.id("clue-" + id));
    assertThat(answered.findElement(By.className("answer")).getText()).isEqualTo("账户已冻结 · 冻结六个月");
    assertThat(answered.getText()).contains("6217").doesNotContain(PAYEE).as("the account masked");
    assertThat(answered.getAttribute("class")).doesNotContain("late");
    WebElement late = browser.findElement(By.id("clue-C-late-1"));
    assertThat(late.getAttribute("class")).contains("late");
    assertThat(late.findElements(By.cssSelector("td.overdue"))).hasSize(2);
    WebElement bankRow =
        browser.findElements(By.cssSelector("#receivers tbody tr")).stream()
            .filter(r -> r.getText().contains("Bank B"))
            .findFirst()
            .orElseThrow();
    List<String> cells =
        bankRow.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    // sent: the hold's, the case's and the late one; delivered: the two pushed; one acknowledged,
    // answered; one late
    assertThat(cells.subList(1, 8)).containsExactly("银行", "webhook", "3", "2", "1", "1", "1");
  }

  static String event(String type, String id, int minutesAgo, String fields) {
    return "{\"type\":\""
        + type
        + "\",\"id\":\""
        + id
        + "\",\"ts\":\""
        + org.fanzha.core.time.Timestamps.format(NOW - minutesAgo * 60_000L)
        + "\","
        + fields
        + "}";
  }

  private static void post(Api api, String ndjson) throws Exception {
    HttpResponse<String> r = api.post("/api/v1/events", ndjson);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
