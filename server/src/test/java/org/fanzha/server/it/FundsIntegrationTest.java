package org.fanzha.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.fanzha.server.FanzhaApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fund tracing through the whole server on a random port: a hand-made chain victim → mule → mule →
 * ATM is sent to the intake API, traced, held, and traced again after a restart of the server on
 * the same data folder (the transfer graph is rebuilt from the journal).
 */
class FundsIntegrationTest {

  static final String VICTIM = "622202020011223";
  static final String MULE1 = "621700001000123";
  static final String MULE2 = "622848000000777";

  // 10:00 V pays A 20,000; 10:05 A pays B 19,000; 10:20 B withdraws 18,000 at an ATM.
  // By hand: 18,000 cashed out; A keeps 1,000 (一级卡), B keeps 1,000 (二级卡).
  static final String CHAIN =
      String.join(
          "\n",
          transfer("fi-t1", "10:00", VICTIM, MULE1, "20000.00", "mobile"),
          transfer("fi-t2", "10:05", MULE1, MULE2, "19000.00", "mobile"),
          transfer("fi-t3", "10:20", MULE2, "cash:ATM-7", "18000.00", "atm"),
          "{\"type\":\"call\",\"id\":\"fi-c1\",\"ts\":\"2026-11-27T09:15:02+08:00\",\"caller\":\"+8617012345678\","
              + "\"callee\":\"13800138000\",\"duration_s\":412}");

  @TempDir Path data;
  // keeps the session cookie, as a browser does, so the console form's CSRF token matches
  final HttpClient http =
      HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
  final JsonMapper json = JsonMapper.builder().build();

  static String transfer(
      String id, String time, String from, String to, String amount, String channel) {
    return "{\"type\":\"transfer\",\"id\":\""
        + id
        + "\",\"ts\":\"2026-11-27T"
        + time
        + ":00+08:00\",\"from\":\""
        + from
        + "\",\"to\":\""
        + to
        + "\",\"amount\":\""
        + amount
        + "\",\"channel\":\""
        + channel
        + "\"}";
  }

  ConfigurableApplicationContext boot() {
    return new SpringApplicationBuilder(FanzhaApplication.class)
        .run(
            "--server.port=0",
            "--fanzha.data=" + data,
            "--fanzha.security.demo-user.password=analyst-pw",
            "--fanzha.security.admin-password=admin-pw",
            "--fanzha.security.bank-user.password=bank-pw");
  }

  static int port(ConfigurableApplicationContext ctx) {
    return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
  }

  static String basic(String user, String pw) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(int port, String path, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> post(int port, String path, String auth, String contentType, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void trace_ingestedChain_locatesTheMoneyByTierAndSurvivesARestart() throws Exception {
    String analyst = basic("demo", "analyst-pw");
    String bank = basic("bank", "bank-pw");
    String firstTrace;
    String holdId;
    try (ConfigurableApplicationContext ctx = boot()) {
      int port = port(ctx);
      assertThat(post(port, "/api/v1/events", analyst, "application/x-ndjson", CHAIN).statusCode())
          .isEqualTo(200);

      HttpResponse<String> r = get(port, "/api/v1/trace/transfer/fi-t1", analyst);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode t = json.readTree(r.body());
      assertThat(t.get("edges").size()).isEqualTo(3);
      assertThat(t.get("holdings").get(0).get("account").asString()).isEqualTo(MULE1);
      assertThat(t.get("holdings").get(0).get("amount").asString()).isEqualTo("1000.00");
      assertThat(t.get("holdings").get(1).get("account").asString()).isEqualTo(MULE2);
      assertThat(t.get("holdings").get(1).get("amount").asString()).isEqualTo("1000.00");
      assertThat(t.get("cashed_out_total").asString()).isEqualTo("18000.00");
      assertThat(t.get("cashed_out").get(0).get("to").asString()).isEqualTo("cash:ATM-7");
      assertThat(t.get("accounts").findValuesAsString("tier_zh"))
          .containsExactlyInAnyOrder("一级卡", "二级卡");
      assertThat(t.get("freeze_plan").size()).isEqualTo(2);
      assertThat(t.get("freeze_plan").get(0).get("action").asString()).isEqualTo("stop");
      firstTrace = r.body();

      // roles: tracing is for analysts; a bank or an anonymous caller may not
      assertThat(get(port, "/api/v1/trace/transfer/fi-t1", null).statusCode()).isEqualTo(401);
      assertThat(get(port, "/api/v1/trace/transfer/fi-t1", bank).statusCode()).isEqualTo(403);
      assertThat(get(port, "/api/v1/trace/transfer/fi-c1", analyst).statusCode()).isEqualTo(404);

      // the police ask, the bank confirms; neither may do the other's step
      String order =
          "{\"kind\":\"stop\",\"account\":\""
              + MULE1
              + "\",\"amount\":\"1000.00\",\"case_ref\":\"trace fi-t1\"}";
      assertThat(post(port, "/api/v1/holds", bank, "application/json", order).statusCode())
          .isEqualTo(403);
      HttpResponse<String> created =
          post(port, "/api/v1/holds", analyst, "application/json", order);
      assertThat(created.statusCode()).isEqualTo(201);
      holdId = json.readTree(created.body()).get("id").asString();
      assertThat(
              post(port, "/api/v1/holds/" + holdId + "/confirm", analyst, "application/json", "{}")
                  .statusCode())
          .isEqualTo(403);
      HttpResponse<String> confirmed =
          post(
              port,
              "/api/v1/holds/" + holdId + "/confirm",
              bank,
              "application/json",
              "{\"bank_ref\":\"B-1\"}");
      assertThat(confirmed.statusCode()).isEqualTo(200);
      assertThat(json.readTree(confirmed.body()).get("history").get(1).get("actor").asString())
          .isEqualTo("bank");

      // the console page: analysts only (a trace is personal data), whole for them
      HttpResponse<String> page = get(port, "/funds/transfer/fi-t1", null);
      assertThat(page.statusCode()).isEqualTo(401);
      assertThat(page.body()).doesNotContain(MULE1);
      assertThat(get(port, "/funds/transfer/fi-t1", bank).statusCode()).isEqualTo(403);
      HttpResponse<String> analystPage = get(port, "/funds/transfer/fi-t1", analyst);
      assertThat(analystPage.body())
          .contains(MULE1)
          .contains("1000.00")
          .contains("class=\"request\"")
          .contains("一级卡");

      // the page's htmx form (CSRF token from the page, same session) asks for a stop on the second
      // mule
      java.util.regex.Matcher csrf =
          java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
              .matcher(analystPage.body());
      assertThat(csrf.find()).isTrue();
      String form =
          "kind=stop&account="
              + MULE2
              + "&amount=1000.00&case_ref=trace+fi-t1&_csrf="
              + csrf.group(1);
      HttpResponse<String> asked =
          post(port, "/funds/holds", analyst, "application/x-www-form-urlencoded", form);
      assertThat(asked.statusCode()).isEqualTo(200);
      assertThat(asked.body()).contains("已请求").contains("STOP-");
      assertThat(
              post(
                      port,
                      "/funds/holds",
                      analyst,
                      "application/x-www-form-urlencoded",
                      form.replaceAll("_csrf=.*", "_csrf=forged"))
                  .statusCode())
          .isEqualTo(403);
    }

    try (ConfigurableApplicationContext ctx = boot()) {
      int port = port(ctx);
      HttpResponse<String> again = get(port, "/api/v1/trace/transfer/fi-t1", analyst);

      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(json.readTree(again.body())).isEqualTo(json.readTree(firstTrace));
      JsonNode hold = json.readTree(get(port, "/api/v1/holds/" + holdId, analyst).body());
      assertThat(hold.get("state").asString()).isEqualTo("confirmed");
      assertThat(hold.get("history").size()).isEqualTo(2);
    }
  }
}
