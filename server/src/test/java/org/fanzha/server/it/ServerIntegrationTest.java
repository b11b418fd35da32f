package org.fanzha.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.fanzha.core.event.EntityKind;
import org.fanzha.server.support.TestDirs;
import org.fanzha.store.Database;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole server on a random port with a real H2 file database, called over HTTP. */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServerIntegrationTest {

  static final Path DATA = TestDirs.create("fanzha-it");

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.demo-user.password", () -> "analyst-pw");
    r.add("fanzha.security.admin-password", () -> "admin-pw");
  }

  static final String VICTIM = "+8613800138000";
  static final String CALL =
      "{\"type\":\"call\",\"id\":\"it-c1\",\"ts\":\"2026-11-27T09:15:02+08:00\",\"caller\":\"+8617012345678\","
          + "\"callee\":\"13800138000\",\"duration_s\":412,\"callee_region\":\"410400\"}";
  static final String SCREEN =
      "{\"type\":\"device\",\"id\":\"it-d1\",\"ts\":\"2026-11-27T09:20:10+08:00\",\"subscriber\":\"13800138000\","
          + "\"kind\":\"screen_share\",\"target\":\"com.example.meeting\"}";
  static final String BAD =
      "{\"type\":\"transfer\",\"id\":\"it-bad\",\"ts\":\"2026-11-27T09:21:00+08:00\",\"from\":\"6222020200112233446\","
          + "\"to\":\"6217000010001234569\",\"amount\":\"0\"}";
  static final String TRANSFER =
      "{\"type\":\"transfer\",\"id\":\"it-t1\",\"ts\":\"2026-11-27T09:31:45+08:00\",\"from\":\"6222020200112233446\","
          + "\"to\":\"6217000010001234569\",\"amount\":\"49000.00\",\"channel\":\"mobile\",\"from_phone\":\"13800138000\"}";

  @LocalServerPort int port;
  @Autowired Database db;

  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();

  HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder req(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  /** Posts as {@code admin}, who may submit events (intake needs a role unless it is opened). */
  HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return send(
        req(path)
            .header("Content-Type", contentType)
            .header("Authorization", basic("admin:admin-pw"))
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  static String basic(String userAndPassword) {
    return "Basic "
        + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void events_mixedBatch_journalsValidQuarantinesInvalidAndIsIdempotent() throws Exception {
    long quarantinedBefore = db.quarantine().count();

    // Own ids, as the other tests send CALL and SCREEN too and the order of tests is not fixed.
    String call = CALL.replace("it-c1", "mx-c1");
    String screen = SCREEN.replace("it-d1", "mx-d1");
    HttpResponse<String> r =
        post("/api/v1/events", "application/x-ndjson", call + "\n" + BAD + "\n" + screen + "\n");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode p = json.readTree(r.body());
    assertThat(p.get("accepted").asInt()).isEqualTo(2);
    assertThat(p.get("errors").get(0).get("position").asInt()).isEqualTo(2);
    assertThat(p.get("errors").get(0).get("id").asString()).isEqualTo("it-bad");
    assertThat(p.get("errors").get(0).get("field").asString()).isEqualTo("amount");
    assertThat(db.journal().find("mx-c1")).isPresent();
    assertThat(db.journal().find("mx-d1")).isPresent();
    assertThat(db.journal().find("it-bad")).isEmpty();
    assertThat(db.quarantine().count()).isEqualTo(quarantinedBefore + 1);
    assertThat(db.quarantine().recent(1).get(0).event().raw()).isEqualTo(BAD);

    HttpResponse<String> again =
        post("/api/v1/events", "application/json", "[" + call + "," + screen + "]");
    assertThat(again.statusCode()).isEqualTo(200);
    JsonNode a = json.readTree(again.body());
    assertThat(a.get("accepted").asInt()).isZero();
    assertThat(a.get("duplicates").asInt()).isEqualTo(2);
  }

  @Test
  void decide_afterFraudContactAndScreenShare_answersARiskyDecisionOnceAndRepeatsItForTheSameId()
      throws Exception {
    post("/api/v1/events", "application/x-ndjson", CALL + "\n" + SCREEN);

    HttpResponse<String> r = post("/api/v1/decide", "application/json", TRANSFER);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Fanzha-Duplicate")).hasValue("false");
    JsonNode d = json.readTree(r.body());
    assertThat(d.get("event_id").asString()).isEqualTo("it-t1");
    assertThat(d.get("score").asInt()).isPositive();
    assertThat(d.get("action").asString()).isIn("warn", "delay", "hold");
    assertThat(d.get("reasons").size()).isPositive();
    assertThat(d.get("reasons").get(0).get("text_zh").asString()).isNotBlank();

    HttpResponse<String> again = post("/api/v1/decide", "application/json", TRANSFER);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("Fanzha-Duplicate")).hasValue("true");
    assertThat(json.readTree(again.body())).isEqualTo(d);
    assertThat(db.journal().find("it-t1")).isPresent();
  }

  @Test
  void entity_anonymousSeesOnlyTheMaskedRiskAnalystSeesWholeAndBothAreAudited() throws Exception {
    post("/api/v1/events", "application/x-ndjson", CALL + "\n" + SCREEN);
    long audited = db.audit().count();

    HttpResponse<String> anon = send(req("/api/v1/entities/phone/13800138000"));
    HttpResponse<String> analyst =
        send(
            req("/api/v1/entities/phone/13800138000")
                .header("Authorization", basic("demo:analyst-pw")));

    assertThat(anon.statusCode()).isEqualTo(200);
    JsonNode a = json.readTree(anon.body());
    assertThat(a.get("masked").asBoolean()).isTrue();
    assertThat(a.get("entity").asString()).isEqualTo("138****8000");
    assertThat(a.get("risk").get("level").asString()).isNotBlank();
    // The public answer names no events, so no times, durations, cells or counterparts (issue 16,
    // finding 8).
    assertThat(a.has("recent_events")).isFalse();
    assertThat(anon.body())
        .doesNotContain("13800138000")
        .doesNotContain("12345678")
        .doesNotContain("09:15")
        .doesNotContain("duration")
        .doesNotContain("cell");
    assertThat(analyst.statusCode()).isEqualTo(200);
    JsonNode f = json.readTree(analyst.body());
    assertThat(f.get("masked").asBoolean()).isFalse();
    assertThat(f.get("entity").asString()).isEqualTo(VICTIM);
    assertThat(f.get("risk").get("score").asInt()).isPositive();
    assertThat(f.get("risk").get("roles").toString()).contains("victim");
    assertThat(f.get("recent_events").size()).isGreaterThanOrEqualTo(2);
    // the shipped model's opinion of the phone beside the rules', with the inputs that moved it, in
    // both languages
    JsonNode model = f.get("model");
    assertThat(model.get("version").asString())
        .isEqualTo(org.fanzha.engine.model.Models.shipped().version());
    assertThat(model.get("score").asDouble()).isBetween(0.0, 1.0);
    assertThat(model.get("reasons").size()).isBetween(1, 5);
    assertThat(model.get("reasons").get(0).get("zh").asString()).startsWith("模型依据 ");
    assertThat(a.has("model")).as("the public answer names no behaviour").isFalse();
    assertThat(db.audit().count()).isEqualTo(audited + 2);
    assertThat(db.audit().recent(2))
        .extracting(e -> e.actor() + "/" + e.unmasked() + "/" + e.entityKind())
        .containsExactly("demo/true/" + EntityKind.PHONE, "anonymous/false/" + EntityKind.PHONE);
    assertThat(db.audit().verify()).isEmpty();
  }

  @Test
  void entity_badKindOrIdentifier_answers400AndUnknownAnswers404() throws Exception {
    assertThat(send(req("/api/v1/entities/planet/x")).statusCode()).isEqualTo(400);
    HttpResponse<String> bad = send(req("/api/v1/entities/holder/123"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("id: ");
    assertThat(send(req("/api/v1/entities/phone/13900139000")).statusCode()).isEqualTo(404);
    assertThat(
            send(req("/api/v1/entities/phone/13900139000")
                    .header("Authorization", basic("demo:analyst-pw")))
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void healthOpenApiAndConsole_answer() throws Exception {
    HttpResponse<String> health = send(req("/actuator/health"));
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json.readTree(health.body()).get("status").asString()).isEqualTo("UP");

    HttpResponse<String> api = send(req("/v3/api-docs"));
    assertThat(api.statusCode()).isEqualTo(200);
    JsonNode paths = json.readTree(api.body()).get("paths");
    assertThat(paths.has("/api/v1/events")).isTrue();
    assertThat(paths.has("/api/v1/decide")).isTrue();
    assertThat(paths.has("/api/v1/entities/{kind}/{id}")).isTrue();
    assertThat(api.body()).contains("Policy for a batch with some bad events");

    String analyst = basic("demo:analyst-pw");
    HttpResponse<String> zh = send(req("/").header("Authorization", analyst));
    assertThat(zh.statusCode()).isEqualTo(200);
    assertThat(zh.body()).contains("反诈实时态势").contains("echarts.min.js");
    HttpResponse<String> en = send(req("/?lang=en").header("Authorization", analyst));
    assertThat(en.body()).contains("Fanzha live situation");
    assertThat(send(req("/webjars/echarts/dist/echarts.min.js")).statusCode()).isEqualTo(200);
    assertThat(send(req("/webjars/htmx.org/dist/htmx.min.js")).statusCode()).isEqualTo(200);
    HttpResponse<String> live = send(req("/console/live.json").header("Authorization", analyst));
    assertThat(json.readTree(live.body()).get("decisions_by_level").has("critical")).isTrue();
    assertThat(send(req("/console/riskiest").header("Authorization", analyst)).statusCode())
        .isEqualTo(200);
    // The console is for staff: anonymous visitors are sent to sign in.
    assertThat(send(req("/console/riskiest")).statusCode()).isEqualTo(401);
    assertThat(send(req("/").header("Accept", "text/html")).headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    assertThat(send(req("/actuator/metrics")).statusCode()).isEqualTo(401);
    for (String gauge : new String[] {"fanzha.journal.unindexed", "fanzha.journal.index.runs"}) {
      HttpResponse<String> m =
          send(req("/actuator/metrics/" + gauge).header("Authorization", basic("admin:admin-pw")));
      assertThat(m.statusCode()).as(gauge).isEqualTo(200);
      assertThat(json.readTree(m.body()).get("measurements").get(0).get("value").asDouble())
          .as(gauge)
          .isNotNegative();
    }
  }
}
