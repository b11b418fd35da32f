package org.fanzha.server.clues;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.TestDirs;
import org.fanzha.store.Clue;
import org.fanzha.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clue push over HTTP, with a real webhook receiver on a local port: an administrator registers a
 * bank (webhook) and an operator and a police unit (pull); a lead reaches the bank signed, again
 * after its receiver failed once, with the same idempotency key; the bank acknowledges and answers
 * with its own key, which sees no one else's clues; a number labelled a fraud number becomes a
 * detection clue for its operator; an analyst limited to another region sees none of it; late clues
 * move up one unit at a time; each receiver's record counts what it did.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CluePushTest {

  static final Path DATA = TestDirs.create("fanzha-clues");
  static final String SECRET = "bank-a-webhook-secret-0001";
  static final String ACCOUNT = "6217000010001234569";

  /** A push as the receiver got it. */
  record Push(byte[] body, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .findFirst()
          .map(e -> e.getValue().get(0))
          .orElse("");
    }
  }

  static HttpServer receiver;
  static final BlockingQueue<Push> pushes = new LinkedBlockingQueue<>();

  /** How many pushes the receiver fails (503) before it answers 204. */
  static final AtomicInteger failuresLeft = new AtomicInteger(1);

  static String bankId;
  static String bankKey;
  static String operatorKey;
  static String policeId;
  static String clueId;

  @BeforeAll
  static void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/fanzha/clues",
        exchange -> {
          pushes.add(
              new Push(
                  exchange.getRequestBody().readAllBytes(),
                  Map.copyOf(exchange.getRequestHeaders())));
          int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.stop(0);
  }

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.security.demo-user.password", () -> "analyst-pw");
    r.add("fanzha.security.bank-user.password", () -> "bank-pw");
    r.add("fanzha.clues.push-every", () -> "PT0.1S");
    r.add("fanzha.clues.first-retry", () -> "PT0.3S");
    r.add("fanzha.clues.scan-every", () -> "PT0.3S");
  }

  @LocalServerPort int port;
  @Autowired Database db;
  @Autowired ClueDesk desk;
  final JsonMapper json = JsonMapper.builder().build();

  Api admin() {
    return new Api(port, "admin", "admin-pw");
  }

  Api analyst() {
    return new Api(port, "demo", "analyst-pw");
  }

  @Test
  @Order(1)
  void anAdministratorRegistersReceivers_andBadOnesAreRefusedByField() throws Exception {
    String webhook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/fanzha/clues";
    HttpResponse<String> bank =
        admin()
            .post(
                "/api/v1/institutions",
                "{\"name\":\"Bank A\",\"kind\":\"bank\","
                    + "\"regions\":[],\"prefixes\":[\"6217\"],\"webhook_url\":\""
                    + webhook
                    + "\",\"secret\":\""
                    + SECRET
                    + "\"}");
    assertThat(bank.statusCode()).isEqualTo(201);
    JsonNode b = json.readTree(bank.body());
    bankId = b.get("id").asString();
    bankKey = b.get("key").asString();
    assertThat(bank.body()).doesNotContain(SECRET);
    assertThat(db.apiKeys().find(b.get("key_id").asString()))
        .hasValueSatisfying(
            k -> {
              assertThat(k.institutionId()).isEqualTo(bankId);
              assertThat(k.roles()).containsExactly("BANK");
            });

    HttpResponse<String> operator =
        admin()
            .post(
                "/api/v1/institutions",
                "{\"name\":\"Operator M\",\"kind\":"
                    + "\"operator\",\"prefixes\":[\"138\"],\"min_severity\":\"medium\"}");
    assertThat(operator.statusCode()).isEqualTo(201);
    operatorKey = json.readTree(operator.body()).get("key").asString();
    HttpResponse<String> police =
        admin()
            .post(
                "/api/v1/institutions",
                "{\"name\":\"Luoyang centre\",\"kind\":"
                    + "\"police\",\"regions\":[\"4103\",\"4104\"]}");
    assertThat(police.statusCode()).isEqualTo(201);
    policeId = json.readTree(police.body()).get("id").asString();

    assertThat(
            problem(admin().post("/api/v1/institutions", "{\"name\":\"X\",\"kind\":\"school\"}")))
        .startsWith("kind:");
    assertThat(
            problem(
                admin()
                    .post(
                        "/api/v1/institutions",
                        "{\"name\":\"X\",\"kind\":\"bank\","
                            + "\"webhook_url\":\"ftp://127.0.0.1/x\",\"secret\":\""
                            + SECRET
                            + "\"}")))
        .startsWith("webhook_url:");
    assertThat(
            problem(
                admin()
                    .post(
                        "/api/v1/institutions",
                        "{\"name\":\"X\",\"kind\":\"bank\","
                            + "\"webhook_url\":\""
                            + webhook
                            + "\",\"secret\":\"short\"}")))
        .startsWith("secret:");
    assertThat(
            problem(
                admin()
                    .post(
                        "/api/v1/institutions",
                        "{\"name\":\"X\",\"kind\":\"bank\",\"secret\":\"" + SECRET + "\"}")))
        .startsWith("secret:");
    assertThat(
            problem(
                admin().post("/api/v1/institutions", "{\"name\":\"<script>\",\"kind\":\"bank\"}")))
        .startsWith("name:");
    assertThat(
            analyst()
                .post("/api/v1/institutions", "{\"name\":\"Y\",\"kind\":\"bank\"}")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  @Order(2)
  void aLeadReachesTheBankSigned_andIsPushedAgainAfterAFailureWithTheSameKey() throws Exception {
    HttpResponse<String> sent =
        analyst()
            .post(
                "/api/v1/clues",
                "{\"target\":{\"kind\":\"account\",\"value\":\""
                    + ACCOUNT
                    + "\"},\"severity\":\"high\",\"fraud_type\":\"police\",\"summary\":\"three victims paid it within "
                    + "an hour\",\"region\":\"410402\",\"evidence\":[\"t-1\",\"t-2\"]}");
    assertThat(sent.statusCode()).isEqualTo(201);
    JsonNode clues = json.readTree(sent.body()).get("clues");
    assertThat(clues)
        .hasSize(2); // the bank that issued the card and the police of Luoyang; no operator
    JsonNode toBank = null;
    for (JsonNode c : clues) {
      if (c.get("institution").asString().equals(bankId)) {
        toBank = c;
      }
    }
    assertThat(toBank).isNotNull();
    clueId = toBank.get("id").asString();

    Push first = pushes.poll(10, TimeUnit.SECONDS);
    Push second = pushes.poll(10, TimeUnit.SECONDS);
    assertThat(first).as("first push").isNotNull();
    assertThat(second).as("the push again after the receiver's 503").isNotNull();
    for (Push p : List.of(first, second)) {
      assertThat(p.header("X-Fanzha-Signature")).isEqualTo("sha256=" + hmac(SECRET, p.body()));
      assertThat(p.header("Idempotency-Key")).isEqualTo(clueId);
      JsonNode body = json.readTree(p.body());
      assertThat(body.get("id").asString()).isEqualTo(clueId);
      assertThat(body.path("target").path("value").asString()).isEqualTo(ACCOUNT);
      assertThat(body.get("severity").asString()).isEqualTo("high");
      assertThat(body.has("sent_at")).isTrue();
    }
    assertThat(first.header("X-Fanzha-Attempt")).isEqualTo("1");
    assertThat(second.header("X-Fanzha-Attempt")).isEqualTo("2");
    Clue stored = awaitStatus(clueId, Clue.DELIVERED);
    assertThat(stored.attempts()).isEqualTo(2);
    assertThat(pushes.poll(1, TimeUnit.SECONDS)).as("nothing pushed once delivered").isNull();
  }

  @Test
  @Order(3)
  void theBankAcknowledgesAndAnswersWithItsOwnKey_whichSeesNoOneElsesClues() throws Exception {
    Api bank = analyst().withKey(bankKey);
    Api operator = analyst().withKey(operatorKey);
    JsonNode mine = json.readTree(bank.get("/api/v1/clues").body());
    assertThat(mine).extracting(c -> c.get("id").asString()).containsExactly(clueId);
    assertThat(operator.get("/api/v1/clues/" + clueId).statusCode()).isEqualTo(404);
    assertThat(operator.post("/api/v1/clues/" + clueId + "/ack", "").statusCode()).isEqualTo(404);
    assertThat(json.readTree(operator.get("/api/v1/clues?institution=" + bankId).body())).isEmpty();
    assertThat(new Api(port, "bank", "bank-pw").get("/api/v1/clues").statusCode())
        .as("a bank user who speaks for no institution")
        .isEqualTo(403);
    assertThat(
            bank.post(
                    "/api/v1/clues",
                    "{\"target\":{\"kind\":\"account\",\"value\":\""
                        + ACCOUNT
                        + "\"},\"severity\":\"high\",\"summary\":\"x\"}")
                .statusCode())
        .as("receivers do not send leads")
        .isEqualTo(403);

    HttpResponse<String> ack = bank.post("/api/v1/clues/" + clueId + "/ack", "");
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(json.readTree(ack.body()).get("status").asString()).isEqualTo("acknowledged");
    assertThat(
            problem(bank.post("/api/v1/clues/" + clueId + "/feedback", "{\"result\":\"burned\"}")))
        .startsWith("result:");
    HttpResponse<String> answered =
        bank.post(
            "/api/v1/clues/" + clueId + "/feedback",
            "{\"result\":\"account_frozen\",\"note\":\"frozen for 48 hours\"}");
    assertThat(answered.statusCode()).isEqualTo(200);
    JsonNode a = json.readTree(answered.body());
    assertThat(a.get("status").asString()).isEqualTo("closed");
    assertThat(a.path("feedback").path("result").asString()).isEqualTo("account_frozen");
    assertThat(
            bank.post(
                    "/api/v1/clues/" + clueId + "/feedback",
                    "{\"result\":\"account_frozen\"," + "\"note\":\"frozen for 48 hours\"}")
                .statusCode())
        .as("the same answer again")
        .isEqualTo(200);
    assertThat(
            bank.post("/api/v1/clues/" + clueId + "/feedback", "{\"result\":\"not_found\"}")
                .statusCode())
        .as("another answer")
        .isEqualTo(409);
    assertThat(db.audit().recent(30))
        .extracting(e -> e.action())
        .contains("clue.ack", "clue.answer:account_frozen", "clue.send:" + bankId);
  }

  @Test
  @Order(4)
  void aNumberLabelledAFraudNumberBecomesADetectionClueForItsOperator() throws Exception {
    String label =
        "{\"type\":\"label\",\"id\":\"l-clue-1\",\"ts\":\"2026-11-27T10:00:00+08:00\",\"entity_kind\":"
            + "\"phone\",\"entity\":\"13800138000\",\"role\":\"fraud_number\",\"fraud_type\":\"police\"}";
    assertThat(admin().post("/api/v1/events", label).statusCode()).isEqualTo(200);
    Api operator = analyst().withKey(operatorKey);
    JsonNode found = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (found == null && System.nanoTime() < deadline) {
      for (JsonNode c : json.readTree(operator.get("/api/v1/clues").body())) {
        if (c.path("target").path("value").asString().equals("+8613800138000")) {
          found = c;
        }
      }
      Thread.sleep(100);
    }
    assertThat(found).as("a detection clue for the operator").isNotNull();
    assertThat(found.get("source").asString()).isEqualTo("detection");
    assertThat(found.get("source_ref").asString()).isEqualTo("fraud_number");
    int before = desk.list(new ClueDesk.Scope(null, List.of()), null, false, 100).size();
    Thread.sleep(1000); // three more scans
    assertThat(desk.list(new ClueDesk.Scope(null, List.of()), null, false, 100))
        .as("sent once")
        .hasSize(before);
  }

  @Test
  @Order(5)
  void anAnalystLimitedToAnotherRegionSeesNoneOfIt() throws Exception {
    assertThat(
            admin()
                .post(
                    "/api/v1/users",
                    "{\"name\":\"zj-clues\",\"password\":\"zj-clues-pw-1\","
                        + "\"roles\":[\"ANALYST\"],\"regions\":[\"33\"]}")
                .statusCode())
        .isEqualTo(201);
    Api zhejiang = new Api(port, "zj-clues", "zj-clues-pw-1");
    assertThat(json.readTree(zhejiang.get("/api/v1/clues?status=all").body())).isEmpty();
    assertThat(zhejiang.get("/api/v1/clues/" + clueId).statusCode()).isEqualTo(404);
    assertThat(json.readTree(analyst().get("/api/v1/clues?status=all").body()))
        .extracting(c -> c.get("id").asString())
        .contains(clueId);
  }

  @Test
  @Order(6)
  void lateCluesMoveUpOneUnitAtATime() throws Exception {
    HttpResponse<String> sent =
        analyst()
            .post(
                "/api/v1/clues",
                "{\"target\":{\"kind\":\"holder\",\"value\":"
                    + "\"410302199001011235\"},\"severity\":\"low\",\"summary\":\"sells cards\",\"region\":\"410305\"}");
    assertThat(sent.statusCode()).isEqualTo(201);
    JsonNode c = json.readTree(sent.body()).get("clues").get(0);
    assertThat(c.get("institution").asString()).isEqualTo(policeId);
    String id = c.get("id").asString();
    long created = db.clues().find(id).orElseThrow().createdAtMs();
    long day = Duration.ofDays(1).toMillis();

    desk.escalateLate(created + day - 1000);
    assertThat(db.clues().find(id).orElseThrow().unit()).as("not late yet").isEqualTo("410305");
    desk.escalateLate(created + day + 1000);
    assertThat(db.clues().find(id).orElseThrow().unit()).isEqualTo("410300");
    desk.escalateLate(created + day + 2000);
    assertThat(db.clues().find(id).orElseThrow().unit())
        .as("not again within four hours")
        .isEqualTo("410300");
    desk.escalateLate(created + day + Duration.ofHours(5).toMillis());
    assertThat(db.clues().find(id).orElseThrow().unit()).isEqualTo("410000");
    assertThat(json.readTree(analyst().get("/api/v1/clues/" + id).body()).get("escalation").asInt())
        .isEqualTo(2);

    assertThat(
            problem(
                analyst()
                    .post(
                        "/api/v1/clues",
                        "{\"target\":{\"kind\":\"holder\",\"value\":"
                            + "\"410302199001011235\"},\"severity\":\"low\",\"summary\":\"sells cards\",\"region\":\"330106\"}")))
        .as("nobody answers for Hangzhou")
        .contains("no institution receives");
  }

  @Test
  @Order(7)
  void eachReceiversRecordCountsWhatItDid() throws Exception {
    JsonNode all = json.readTree(analyst().get("/api/v1/institutions").body());
    JsonNode bank = null;
    for (JsonNode i : all) {
      if (i.get("id").asString().equals(bankId)) {
        bank = i;
      }
    }
    assertThat(bank).isNotNull();
    assertThat(bank.toString()).doesNotContain(SECRET);
    JsonNode s = bank.get("stats");
    assertThat(s.get("sent").asLong()).isEqualTo(1);
    assertThat(s.get("delivered").asLong()).isEqualTo(1);
    assertThat(s.get("acknowledged").asLong()).isEqualTo(1);
    assertThat(s.get("answered").asLong()).isEqualTo(1);
    assertThat(s.path("answers").path("account_frozen").asLong()).isEqualTo(1);
  }

  @Test
  @Order(8)
  void aHoldAskedOfTheBankReachesItAsAClue() throws Exception {
    HttpResponse<String> hold =
        admin()
            .post(
                "/api/v1/holds",
                "{\"kind\":\"stop\",\"account\":\""
                    + ACCOUNT
                    + "\",\"amount\":\"49000.00\",\"case_ref\":\"case-7\"}");
    assertThat(hold.statusCode()).isEqualTo(201);
    String holdId = json.readTree(hold.body()).get("id").asString();
    JsonNode found = null;
    for (JsonNode c : json.readTree(analyst().withKey(bankKey).get("/api/v1/clues").body())) {
      if (c.get("source").asString().equals("hold")) {
        found = c;
      }
    }
    assertThat(found).as("the bank's clue of the hold").isNotNull();
    assertThat(found.get("source_ref").asString()).isEqualTo(holdId);
    assertThat(found.get("summary").asString())
        .contains("/api/v1/holds/" + holdId)
        .contains("49000.00");
    assertThat(found.get("severity").asString()).isEqualTo("high");
  }

  @Test
  @Order(9)
  void aReportReachesThePoliceOfItsRegionOnce() throws Exception {
    String report =
        "{\"type\":\"report\",\"id\":\"r-clue-%d\",\"ts\":\"2026-11-27T11:00:00+08:00\",\"targets\":"
            + "[{\"kind\":\"phone\",\"value\":\"13900139000\"}],\"region\":\"410402\",\"fraud_type\":\"police\","
            + "\"text\":\"自称公安局要我转账到安全账户\",\"loss\":\"3000.00\"}";
    assertThat(
            admin()
                .post("/api/v1/events", report.formatted(1) + "\n" + report.formatted(2))
                .statusCode())
        .isEqualTo(200);
    List<Clue> found = List.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (found.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      found =
          db.clues().list(policeId, false, List.of(), 100).stream()
              .filter(c -> c.source().equals("report"))
              .toList();
    }
    Thread.sleep(300); // the second report, too
    found =
        db.clues().list(null, false, List.of(), 100).stream()
            .filter(c -> c.source().equals("report"))
            .toList();
    assertThat(found).as("one clue, to the police of Luoyang, for two reports").hasSize(1);
    assertThat(found.get(0).institutionId()).isEqualTo(policeId);
    assertThat(found.get(0).severity()).as("someone lost money").isEqualTo("medium");
    assertThat(found.get(0).fraudType()).isEqualTo("police");
    assertThat(found.get(0).summary()).contains("3000 yuan").contains("安全账户");

    // an anonymous report from the public portal goes nowhere by itself (anyone could flood
    // receivers with them)
    String anonymous =
        "{\"type\":\"report\",\"id\":\"r-clue-3\",\"ts\":\"2026-11-27T11:00:00+08:00\","
            + "\"source\":\"portal\",\"targets\":[{\"kind\":\"phone\",\"value\":\"13800138077\"}],"
            + "\"region\":\"410402\",\"loss\":\"100.00\"}";
    assertThat(admin().post("/api/v1/events", anonymous).statusCode()).isEqualTo(200);
    Thread.sleep(500);
    assertThat(db.clues().known("report:phone:+8613800138077")).isFalse();
  }

  private Clue awaitStatus(String id, String status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Clue c = db.clues().find(id).orElseThrow();
    while (!c.status().equals(status) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      c = db.clues().find(id).orElseThrow();
    }
    assertThat(c.status()).isEqualTo(status);
    return c;
  }

  private String problem(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
    return json.readTree(r.body()).path("detail").asString();
  }

  /** The receiver's own check, written from the specification, not with the server's code. */
  private static String hmac(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
