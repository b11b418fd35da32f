package org.fanzha.server.assessments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.TestDirs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The register of new-business assessments over HTTP: every risk point answered, a present one with
 * its control, no launch of a high residual risk; signed off once, by a reviewer who did not write
 * it; returned only with a note.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AssessmentsTest {
  static final Path DATA = TestDirs.create("fanzha-assessments");

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.security.demo-user.password", () -> "analyst-pw");
    r.add("fanzha.security.reviewer-user.password", () -> "reviewer-pw");
  }

  @LocalServerPort int port;
  final JsonMapper json = JsonMapper.builder().build();

  static String body(String checklist, String risk, String conclusion) {
    return "{\"institution\":\"Bank A\",\"service\":\"扫码转账到陌生账户\",\"category\":\"payment\",\"description\":"
        + "\"Scan a QR code to pay any account\",\"launch_date\":\"2027-03-01\",\"checklist\":{"
        + checklist
        + "},"
        + "\"risk_level\":\""
        + risk
        + "\",\"conclusion\":\""
        + conclusion
        + "\"}";
  }

  static final String ALL =
      "\"real_name\":\"face match at sign-up\",\"bulk_registration\":null,\"anonymity\":null,"
          + "\"funds\":\"first payment to a new payee delayed 24 h above 5,000 yuan\",\"remote_control\":"
          + "\"screen sharing detected and payment refused\",\"bulk_messaging\":null,\"cross_border\":null,"
          + "\"account_trading\":null,\"vulnerable_users\":null";

  @Test
  void anAssessmentIsCheckedRegisteredAndSignedOffByAnotherPerson() throws Exception {
    Api analyst = new Api(port, "demo", "analyst-pw");
    Api reviewer = new Api(port, "reviewer", "reviewer-pw");
    Api admin = new Api(port, "admin", "admin-pw");

    assertThat(
            problem(
                analyst.post("/api/v1/assessments", body("\"real_name\":\"x\"", "low", "launch"))))
        .startsWith("checklist.bulk_registration:");
    assertThat(
            problem(
                analyst.post(
                    "/api/v1/assessments", body(ALL + ",\"roaming\":null", "low", "launch"))))
        .startsWith("checklist.roaming:");
    assertThat(
            problem(
                analyst.post(
                    "/api/v1/assessments",
                    body(ALL.replace("face match", "face|match"), "low", "launch"))))
        .startsWith("checklist.real_name:");
    assertThat(problem(analyst.post("/api/v1/assessments", body(ALL, "high", "launch"))))
        .startsWith("conclusion:");
    assertThat(
            problem(
                analyst.post(
                    "/api/v1/assessments",
                    body(ALL, "low", "launch").replace("2027-03-01", "2027-02-30"))))
        .startsWith("launch_date:");

    HttpResponse<String> made =
        analyst.post("/api/v1/assessments", body(ALL, "medium", "launch_after_fixes"));
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    JsonNode a = json.readTree(made.body());
    String id = a.get("id").asString();
    assertThat(a.get("status").asString()).isEqualTo("submitted");
    assertThat(a.path("checklist").path("funds").asString()).startsWith("first payment");
    assertThat(a.path("checklist").path("anonymity").isNull()).isTrue();
    assertThat(a.get("author").asString()).isEqualTo("demo");

    assertThat(
            analyst
                .post("/api/v1/assessments/" + id + "/review", "{\"decision\":\"approve\"}")
                .statusCode())
        .as("an analyst does not sign off")
        .isEqualTo(403);
    assertThat(
            problem(
                reviewer.post(
                    "/api/v1/assessments/" + id + "/review", "{\"decision\":\"return\"}")))
        .startsWith("note:");
    HttpResponse<String> approved =
        reviewer.post(
            "/api/v1/assessments/" + id + "/review",
            "{\"decision\":\"approve\",\"note\":\"controls adequate\"}");
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(json.readTree(approved.body()).get("status").asString()).isEqualTo("approved");
    assertThat(
            reviewer
                .post(
                    "/api/v1/assessments/" + id + "/review",
                    "{\"decision\":\"return\",\"note\":\"x\"}")
                .statusCode())
        .as("reviewed once")
        .isEqualTo(409);

    String own =
        json.readTree(admin.post("/api/v1/assessments", body(ALL, "low", "launch")).body())
            .get("id")
            .asString();
    assertThat(
            admin
                .post("/api/v1/assessments/" + own + "/review", "{\"decision\":\"approve\"}")
                .statusCode())
        .as("its own author")
        .isEqualTo(409);

    JsonNode register = json.readTree(reviewer.get("/api/v1/assessments").body());
    assertThat(register).extracting(x -> x.get("id").asString()).containsExactly(own, id);
    assertThat(json.readTree(reviewer.get("/api/v1/assessments?status=approved").body()))
        .extracting(x -> x.get("id").asString())
        .containsExactly(id);
    assertThat(reviewer.get("/assessments").body()).contains("扫码转账到陌生账户");
    assertThat(admin.get("/api/v1/assessments/nope").statusCode()).isEqualTo(404);
  }

  private String problem(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    return json.readTree(r.body()).path("detail").asString();
  }
}
