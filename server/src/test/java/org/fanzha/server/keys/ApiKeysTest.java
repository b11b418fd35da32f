package org.fanzha.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.fanzha.server.support.TestDirs;
import org.fanzha.store.ApiKey;
import org.fanzha.store.Database;
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
 * API keys over HTTP: an admin issues a key for a bank's intake; the key decides transfers and may
 * do nothing its roles do not allow; a wrong, altered or revoked key is refused with 401 (never
 * taken as anonymous); a rotated key replaces the old one at once; every issue and revocation is
 * audited; wrong keys from one address are throttled.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiKeysTest {

  static final Path DATA = TestDirs.create("fanzha-keys");

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.security.login.per-address", () -> "8");
  }

  static final String ADMIN =
      "Basic "
          + Base64.getEncoder().encodeToString("admin:admin-pw".getBytes(StandardCharsets.UTF_8));
  static final String TRANSFER =
      "{\"type\":\"transfer\",\"id\":\"t-key-%d\",\"ts\":\"2026-11-27T10:00:00+08:00\","
          + "\"from\":\"alipay:payer-1\",\"to\":\"alipay:payee-2\",\"amount\":\"120.00\",\"channel\":\"mobile\"}";
  static final String LABEL =
      "{\"type\":\"label\",\"id\":\"l-key-1\",\"ts\":\"2026-11-27T10:00:00+08:00\","
          + "\"entity_kind\":\"phone\",\"entity\":\"13800138000\",\"role\":\"fraud_number\"}";

  static String intakeKey;
  static String intakeId;

  @LocalServerPort int port;
  @Autowired Database db;

  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();

  @Test
  @Order(1)
  void adminIssuesAKey_shownOnce_storedOnlyAsItsHash() throws Exception {
    HttpResponse<String> r =
        post(
            "/api/v1/api-keys",
            ADMIN,
            "{\"name\":\"bank-a intake\",\"roles\":[\"INGEST\",\"BANK\"],\"regions\":[\"3301\"]}");
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode b = json.readTree(r.body());
    intakeKey = b.get("key").asString();
    intakeId = b.get("id").asString();
    assertThat(intakeKey).startsWith("fzk_" + intakeId + "_");
    assertThat(r.headers().firstValue("Location")).hasValue("/api/v1/api-keys/" + intakeId);

    ApiKey stored = db.apiKeys().find(intakeId).orElseThrow();
    assertThat(stored.keySha256())
        .hasSize(64)
        .doesNotContain(intakeKey.substring(intakeKey.lastIndexOf('_') + 1));
    assertThat(stored.roles()).containsExactlyInAnyOrder("INGEST", "BANK");
    assertThat(stored.regions()).containsExactly("3301");

    String listed = get("/api/v1/api-keys", ADMIN).body();
    assertThat(listed)
        .contains(intakeId, "bank-a intake")
        .doesNotContain(intakeKey, stored.keySha256());
    assertThat(db.audit().recent(5))
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("api-key.create:BANK+INGEST");
              assertThat(e.actor()).isEqualTo("admin");
            });
  }

  @Test
  @Order(2)
  void theKeyDecides_andDoesOnlyWhatItsRolesAllow() throws Exception {
    HttpResponse<String> decided = post("/api/v1/decide", bearer(intakeKey), TRANSFER.formatted(1));
    assertThat(decided.statusCode()).isEqualTo(200);
    assertThat(json.readTree(decided.body()).has("action")).isTrue();

    HttpResponse<String> label = post("/api/v1/events", bearer(intakeKey), LABEL);
    assertThat(label.body()).contains("label events record confirmed case outcomes");
    assertThat(db.audit().recent(20))
        .noneSatisfy(e -> assertThat(e.action()).startsWith("event.label"));

    assertThat(get("/api/v1/warnings", bearer(intakeKey)).statusCode()).isEqualTo(403);
    HttpResponse<String> bankOnly =
        post(
            "/api/v1/api-keys",
            ADMIN,
            "{\"name\":\"bank-a holds\",\"roles\":[\"BANK\"],\"regions\":[]}");
    String holdsKey = json.readTree(bankOnly.body()).get("key").asString();
    HttpResponse<String> refused = post("/api/v1/decide", bearer(holdsKey), TRANSFER.formatted(8));
    assertThat(refused.statusCode())
        .as("a bank's holds key does not send transfers")
        .isEqualTo(403);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(
            post(
                    "/api/v1/api-keys",
                    bearer(intakeKey),
                    "{\"name\":\"mine\",\"roles\":[\"ANALYST\"]}")
                .statusCode())
        .as("a key cannot issue keys")
        .isEqualTo(403);
  }

  @Test
  @Order(3)
  void noKeyIsGivenAdmin_andBadRequestsNameTheField() throws Exception {
    HttpResponse<String> admin =
        post("/api/v1/api-keys", ADMIN, "{\"name\":\"root\",\"roles\":[\"ADMIN\"]}");
    assertThat(admin.statusCode()).isEqualTo(400);
    assertThat(admin.body()).contains("roles", "ADMIN");
    HttpResponse<String> region =
        post(
            "/api/v1/api-keys",
            ADMIN,
            "{\"name\":\"x\",\"roles\":[\"INGEST\"],\"regions\":[\"0x\"]}");
    assertThat(region.statusCode()).isEqualTo(400);
    assertThat(region.body()).contains("regions");
  }

  @Test
  @Order(4)
  void anAlteredKeyIsRefused_notTakenAsAnonymous() throws Exception {
    char last = intakeKey.charAt(intakeKey.length() - 1);
    String altered = intakeKey.substring(0, intakeKey.length() - 1) + (last == 'A' ? 'B' : 'A');
    HttpResponse<String> r = post("/api/v1/decide", bearer(altered), TRANSFER.formatted(2));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
    assertThat(r.body()).contains("urn:fanzha:problem:invalid-api-key");
    // a public page with a bad key is refused too: a broken integration must not pass silently as
    // anonymous
    assertThat(get("/portal/api/lookup?q=13800138000", bearer("fzk_nonsense")).statusCode())
        .isEqualTo(401);
  }

  @Test
  @Order(5)
  void rotationReplacesTheKeyAtOnce_andRevocationStopsIt() throws Exception {
    HttpResponse<String> rotated = post("/api/v1/api-keys/" + intakeId + "/rotate", ADMIN, "");
    assertThat(rotated.statusCode()).isEqualTo(201);
    JsonNode b = json.readTree(rotated.body());
    String fresh = b.get("key").asString();
    assertThat(b.get("name").asString()).isEqualTo("bank-a intake");
    assertThat(post("/api/v1/decide", bearer(intakeKey), TRANSFER.formatted(3)).statusCode())
        .isEqualTo(401);
    assertThat(post("/api/v1/decide", bearer(fresh), TRANSFER.formatted(4)).statusCode())
        .isEqualTo(200);

    String freshId = b.get("id").asString();
    assertThat(delete("/api/v1/api-keys/" + freshId).statusCode()).isEqualTo(204);
    assertThat(post("/api/v1/decide", bearer(fresh), TRANSFER.formatted(5)).statusCode())
        .isEqualTo(401);
    assertThat(delete("/api/v1/api-keys/" + freshId).statusCode())
        .as("revoked already")
        .isEqualTo(404);
    assertThat(db.audit().recent(10))
        .extracting(e -> e.action())
        .contains("api-key.rotate:" + intakeId, "api-key.revoke");
    assertThat(db.apiKeys().find(intakeId).orElseThrow().active()).isFalse();
  }

  @Test
  @Order(6)
  void wrongKeysFromOneAddressAreThrottled() throws Exception {
    int throttled = 0;
    for (int i = 0; i < 12; i++) {
      HttpResponse<String> r =
          post(
              "/api/v1/decide",
              bearer("fzk_000000000000_" + "A".repeat(43)),
              TRANSFER.formatted(9));
      if (r.statusCode() == 429) {
        throttled++;
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
      } else {
        assertThat(r.statusCode()).isEqualTo(401);
      }
    }
    assertThat(throttled).as("past the budget of 8 wrong keys").isGreaterThanOrEqualTo(3);
  }

  static String bearer(String key) {
    return "Bearer " + key;
  }

  HttpResponse<String> post(String path, String authorization, String body) throws Exception {
    String type = path.endsWith("/events") ? "application/x-ndjson" : "application/json";
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", type)
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String path, String authorization) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", authorization)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> delete(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", ADMIN)
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
