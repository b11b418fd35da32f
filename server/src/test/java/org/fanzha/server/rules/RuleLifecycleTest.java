package org.fanzha.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.server.support.TestDirs;
import org.fanzha.store.AuditEntry;
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
 * Issue 7's "done when", over HTTP: an admin creates named users; an analyst submits a rule (a
 * large transfer at night into an account opened this week), back-tests it on a recorded file, runs
 * it in shadow; the author cannot publish it, a reviewer does; the next matching transfer carries
 * the rule's reason code. Bad versions change nothing.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuleLifecycleTest {

  static final Path DATA = TestDirs.create("fanzha-rules");

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
  }

  static final String ADMIN = basic("admin", "admin-pw");
  static final String ANALYST = basic("ana.li", "analyst-password-1");
  static final String REVIEWER = basic("rev.wang", "reviewer-password-1");
  static final String BOTH = basic("zhao.both", "both-password-123");

  static final String NEW_RULE =
      """
        - code: AC_NIGHT_LARGE_NEW
          applies_to: account
          role: mule
          weight: 70
          when: event.type == "transfer" && event.amount >= 49000 && event.hour < 6 && features.age_days >= 0 && features.age_days < 7
          reason: {zh: "夜间大额转入本周新开账户", en: "A large sum at night into an account opened this week"}
      """;

  static final String OPENING =
      "{\"type\":\"opening\",\"id\":\"o-%s\",\"ts\":\"2026-11-25T10:00:00+08:00\",\"kind\":\"bank_account\","
          + "\"account\":\"alipay:%s\",\"holder\":\"11010519491231002X\"}";
  static final String NIGHT_TRANSFER =
      "{\"type\":\"transfer\",\"id\":\"t-%s\",\"ts\":\"2026-11-27T02:%s:00+08:00\","
          + "\"from\":\"alipay:payer-%s\",\"to\":\"alipay:%s\",\"amount\":\"49500.00\",\"channel\":\"mobile\"}";

  @LocalServerPort int port;
  @Autowired Database db;

  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();

  @Test
  @Order(1)
  void adminCreatesNamedUsers_andOnlyAdminMay() throws Exception {
    assertThat(createUser("ana.li", "analyst-password-1", "[\"ANALYST\"]").statusCode())
        .isEqualTo(201);
    assertThat(createUser("rev.wang", "reviewer-password-1", "[\"REVIEWER\"]").statusCode())
        .isEqualTo(201);
    assertThat(
            createUser("zhao.both", "both-password-123", "[\"ANALYST\",\"REVIEWER\"]").statusCode())
        .isEqualTo(201);
    assertThat(createUser("ana.li", "analyst-password-1", "[\"ANALYST\"]").statusCode())
        .isEqualTo(409);
    assertThat(createUser("admin", "some-long-password", "[\"ANALYST\"]").statusCode())
        .as("a configured name")
        .isEqualTo(409);
    HttpResponse<String> weak = createUser("weak.one", "short", "[\"ANALYST\"]");
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(weak.body()).contains("password");
    assertThat(
            send(req("/api/v1/users")
                    .header("Authorization", ANALYST)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"x.y\",\"password\":\"123456789012\",\"roles\":[\"ADMIN\"]}")))
                .statusCode())
        .isEqualTo(403);
    assertThat(db.users().find("ana.li").orElseThrow().passwordHash())
        .startsWith("{bcrypt}")
        .doesNotContain("analyst-password-1");
  }

  @Test
  @Order(2)
  void aBadVersionGetsEveryProblemWithLineAndColumn_andChangesNothing() throws Exception {
    String bad =
        RuleBook.defaultText()
                .replace(
                    "features.out_calls >= params.phone.min_calls && features.answer_rate",
                    "features.out_cals >= params.phone.min_calls && features.answer_rate")
            + NEW_RULE.replace("weight: 70", "weight: 170");
    HttpResponse<String> r = postYaml(bad, ANALYST);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode p = json.readTree(r.body());
    assertThat(p.get("errors"))
        .hasSize(4); // the misspelt feature in three shipped rules, and the weight
    assertThat(p.get("errors").get(0).get("message").asString())
        .contains("unknown feature 'out_cals'");
    assertThat(p.get("errors").get(0).get("line").asInt()).isPositive();
    assertThat(p.get("errors").get(0).get("column").asInt()).isPositive();
    assertThat(p.get("errors").get(3).get("message").asString())
        .contains("weight must be a whole number from -100 to 100");
    assertThat(db.ruleVersions().list()).isEmpty();
    HttpResponse<String> big =
        postYaml(
            "# " + "x".repeat(1_500_000),
            ANALYST); // over 1 MiB; a 10 MB file is refused by rules check
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(rulesView().get("live_version").isNull()).isTrue();
  }

  @Test
  @Order(3)
  void anAnalystsRuleIsBacktestedShadowedAndPublishedByASecondPerson() throws Exception {
    HttpResponse<String> submitted = postYaml(RuleBook.defaultText() + NEW_RULE, ANALYST);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    long v = json.readTree(submitted.body()).get("version").asLong();

    // back-test on a recorded file: the rule fires for the new account's night transfer
    String recorded =
        String.format(OPENING, "bt", "bt-new")
            + "\n"
            + String.format(NIGHT_TRANSFER, "bt", "10", "bt", "bt-new");
    HttpResponse<String> bt =
        send(
            req("/api/v1/rules/versions/" + v + "/backtest")
                .header("Authorization", ANALYST)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(recorded)));
    assertThat(bt.statusCode()).as(bt.body()).isEqualTo(200);
    JsonNode rule = find(json.readTree(bt.body()).get("rules"), "AC_NIGHT_LARGE_NEW");
    assertThat(rule.get("hits").asLong()).isPositive();
    assertThat(json.readTree(bt.body()).get("diff_vs_default").get("rules_added").toString())
        .contains("AC_NIGHT_LARGE_NEW");

    // shadow on live traffic: counted, never acted on
    assertThat(
            send(req("/api/v1/rules/versions/" + v + "/shadow")
                    .header("Authorization", ANALYST)
                    .POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode())
        .isEqualTo(200);
    postEvents(
        String.format(OPENING, "sh", "sh-new")
            + "\n"
            + String.format(NIGHT_TRANSFER, "sh", "20", "sh", "sh-new"));
    JsonNode stats =
        json.readTree(
            send(req("/api/v1/rules/versions/" + v + "/stats").header("Authorization", ANALYST))
                .body());
    assertThat(stats.get("events").asLong()).isEqualTo(2);
    assertThat(find(stats.get("rules"), "AC_NIGHT_LARGE_NEW").get("hits").asLong()).isPositive();
    assertThat(find(stats.get("rules"), "AC_NIGHT_LARGE_NEW").get("live_hits").asLong()).isZero();
    assertThat(entityReasons("alipay:sh-new"))
        .as("the shadow never acts")
        .doesNotContain("AC_NIGHT_LARGE_NEW");

    // maker-checker: the author (even a reviewer) may not publish; an analyst may not publish at
    // all
    HttpResponse<String> own = postYaml(RuleBook.defaultText(), BOTH);
    long ownV = json.readTree(own.body()).get("version").asLong();
    assertThat(publish(ownV, BOTH).statusCode()).isEqualTo(403);
    assertThat(publish(v, ANALYST).statusCode()).isEqualTo(403);

    assertThat(publish(v, REVIEWER).statusCode()).isEqualTo(200);
    assertThat(rulesView().get("live_version").asLong()).isEqualTo(v);
    assertThat(db.audit().recent(3)).extracting(AuditEntry::action).contains("rules.publish");

    // the next matching transfer carries the new rule's reason code
    postEvents(String.format(OPENING, "lv", "lv-new"));
    HttpResponse<String> d =
        send(
            req("/api/v1/decide")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        String.format(NIGHT_TRANSFER, "lv", "30", "lv", "lv-new"))));
    assertThat(d.statusCode()).as(d.body()).isEqualTo(200);
    assertThat(d.body()).contains("AC_NIGHT_LARGE_NEW");
  }

  @Test
  @Order(4)
  void publishingAnEarlierVersionRollsBack() throws Exception {
    HttpResponse<String> r = postYaml(RuleBook.defaultText(), ANALYST);
    long plain = json.readTree(r.body()).get("version").asLong();
    assertThat(publish(plain, REVIEWER).statusCode()).isEqualTo(200);
    postEvents(String.format(OPENING, "rb", "rb-new"));
    HttpResponse<String> d =
        send(
            req("/api/v1/decide")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        String.format(NIGHT_TRANSFER, "rb", "40", "rb", "rb-new"))));
    assertThat(d.body()).doesNotContain("AC_NIGHT_LARGE_NEW");
    JsonNode versions = rulesView().get("versions");
    List<String> states = new ArrayList<>();
    versions.forEach(x -> states.add(x.get("version").asLong() + ":" + x.get("state").asString()));
    assertThat(states)
        .contains(plain + ":live")
        .anySatisfy(s -> assertThat(s).endsWith(":retired"));
  }

  // ---- helpers

  JsonNode find(JsonNode rules, String code) {
    for (JsonNode r : rules) {
      if (r.get("code").asString().equals(code)) {
        return r;
      }
    }
    throw new AssertionError(code + " not in " + rules);
  }

  String entityReasons(String account) throws Exception {
    return send(req("/api/v1/entities/account/" + account).header("Authorization", ADMIN)).body();
  }

  JsonNode rulesView() throws Exception {
    HttpResponse<String> r = send(req("/api/v1/rules").header("Authorization", ANALYST));
    assertThat(r.statusCode()).isEqualTo(200);
    return json.readTree(r.body());
  }

  HttpResponse<String> publish(long v, String auth) throws Exception {
    return send(
        req("/api/v1/rules/versions/" + v + "/publish")
            .header("Authorization", auth)
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  HttpResponse<String> postYaml(String yaml, String auth) throws Exception {
    return send(
        req("/api/v1/rules/versions")
            .header("Authorization", auth)
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(yaml)));
  }

  void postEvents(String ndjson) throws Exception {
    HttpResponse<String> r =
        send(
            req("/api/v1/events")
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  HttpResponse<String> createUser(String name, String password, String roles) throws Exception {
    return send(
        req("/api/v1/users")
            .header("Authorization", ADMIN)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\""
                        + name
                        + "\",\"password\":\""
                        + password
                        + "\",\"roles\":"
                        + roles
                        + ",\"regions\":[\"4104\"]}")));
  }

  HttpRequest.Builder req(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60));
  }

  HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
