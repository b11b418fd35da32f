package org.fanzha.server.verifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.server.support.EventLines.event;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.TestDirs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 第11条 over HTTP: a number held as a fraud number and an account held as a mule are asked to
 * re-verify; past the deadline the number's outgoing calls (but to the operator) and the account's
 * non-counter payments are stopped, past the second deadline everything; the operator records the
 * verification and the number is restored at once. Each institution sees and works only its own
 * kind.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VerificationsTest {
  static final Path DATA = TestDirs.create("fanzha-verifications");
  static final long NOW = 1_795_741_200_000L; // event time 2026-11-27T09:00+08:00
  static final long HOUR = 3_600_000L;
  static final String NUMBER = "+8617000000021";
  static final String ACCOUNT = "6222020200112233446";

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.verification.scan-every", () -> "PT1H"); // the test moves the desk itself
  }

  @LocalServerPort int port;
  @Autowired VerificationDesk desk;
  @Autowired org.fanzha.store.Database db;
  final JsonMapper json = JsonMapper.builder().build();

  private Api key(Api admin, String role) throws Exception {
    HttpResponse<String> issued =
        admin.post(
            "/api/v1/api-keys",
            "{\"name\":\"" + role + " desk\",\"roles\":[\"" + role + "\"],\"regions\":[]}");
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    return admin.withKey(json.readTree(issued.body()).get("key").asString());
  }

  private JsonNode decide(Api who, String event) throws Exception {
    HttpResponse<String> r = who.post("/api/v1/decide", event);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  private static String firstReason(JsonNode decision) {
    return decision.path("reasons").path(0).path("code").asString("");
  }

  @Test
  void abnormalCardsAndAccountsAreAskedRestrictedSuspendedAndRestoredByVerification()
      throws Exception {
    Api admin = new Api(port, "admin", "admin-pw");
    HttpResponse<String> loaded =
        admin.post(
            "/api/v1/events",
            String.join(
                "\n",
                event(
                    "label",
                    "v-l1",
                    NOW - 2 * HOUR,
                    "\"entity_kind\":\"phone\",\"entity\":\""
                        + NUMBER
                        + "\",\"role\":\"fraud_number\""),
                event(
                    "label",
                    "v-l2",
                    NOW - 2 * HOUR,
                    "\"entity_kind\":\"account\",\"entity\":\""
                        + ACCOUNT
                        + "\",\"role\":\"mule\"")));
    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
    Api operator = key(admin, "OPERATOR");
    Api bank = key(admin, "BANK");
    long t0 = System.currentTimeMillis();
    desk.tick();

    JsonNode numbers = json.readTree(operator.get("/api/v1/verifications?status=open").body());
    assertThat(numbers).extracting(t -> t.get("entity").asString()).containsExactly(NUMBER);
    String phoneTask = numbers.get(0).get("id").asString();
    JsonNode accounts = json.readTree(bank.get("/api/v1/verifications").body());
    assertThat(accounts).extracting(t -> t.get("entity").asString()).containsExactly(ACCOUNT);
    assertThat(db.audit().recent(50))
        .filteredOn(e -> e.action().equals("verification.opened"))
        .as("each task opened is in the audit log, as the system's act")
        .extracting(org.fanzha.store.AuditEntry::entity, org.fanzha.store.AuditEntry::actor)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(NUMBER, "system"),
            org.assertj.core.groups.Tuple.tuple(ACCOUNT, "system"));
    assertThat(db.audit().verify()).isEmpty();
    assertThat(bank.get("/api/v1/verifications/" + phoneTask).statusCode())
        .as("not a bank's")
        .isEqualTo(404);
    assertThat(
            firstReason(
                decide(
                    operator,
                    event(
                        "call",
                        "v-c1",
                        NOW,
                        "\"caller\":\""
                            + NUMBER
                            + "\",\"callee\":\"+8613800000001\",\"duration_s\":30"))))
        .as("asked, not yet due")
        .isNotEqualTo("VERIFY_RESTRICTED");

    assertThat(desk.escalateOverdue(t0 + 25 * HOUR)).isEqualTo(2);
    JsonNode call =
        decide(
            operator,
            event(
                "call",
                "v-c2",
                NOW + 60_000,
                "\"caller\":\"" + NUMBER + "\",\"callee\":\"+8613800000001\",\"duration_s\":30"));
    assertThat(firstReason(call)).isEqualTo("VERIFY_RESTRICTED");
    assertThat(call.get("action").asString()).isEqualTo("hold");
    assertThat(call.path("verification").path("state").asString()).isEqualTo("restricted");
    assertThat(
            firstReason(
                decide(
                    operator,
                    event(
                        "call",
                        "v-c3",
                        NOW + 120_000,
                        "\"caller\":\"" + NUMBER + "\",\"callee\":\"10086\",\"duration_s\":30"))))
        .as("the operator can still be called")
        .isNotEqualTo("VERIFY_RESTRICTED");
    HttpResponse<String> listedPayee =
        admin.post(
            "/api/v1/lists/entries",
            "{\"list\":\"black\",\"kind\":\"account\","
                + "\"value\":\"6217000010001234569\",\"reason\":\"收取多名受害人转账\",\"source\":\"institution\"}");
    assertThat(listedPayee.statusCode()).as(listedPayee.body()).isEqualTo(201);
    JsonNode restrictedTransfer =
        decide(
            admin,
            event(
                "transfer",
                "v-t1",
                NOW + 180_000,
                "\"from\":\""
                    + ACCOUNT
                    + "\",\"to\":\"6217000010001234569\",\"amount\":\"100.00\",\"channel\":\"mobile\""));
    assertThat(firstReason(restrictedTransfer)).isEqualTo("VERIFY_RESTRICTED");
    assertThat(restrictedTransfer.path("listings").path(0).path("reason").asString())
        .as("the payee's listing, kept")
        .isEqualTo("收取多名受害人转账");
    assertThat(
            firstReason(
                decide(
                    admin,
                    event(
                        "transfer",
                        "v-t2",
                        NOW + 240_000,
                        "\"from\":\""
                            + ACCOUNT
                            + "\",\"to\":\"6217000010001234569\",\"amount\":\"100.00\",\"channel\":\"counter\""))))
        .as("at a counter")
        .isNotEqualTo("VERIFY_RESTRICTED");

    assertThat(desk.escalateOverdue(t0 + 80 * HOUR)).isEqualTo(2);
    assertThat(
            firstReason(
                decide(
                    operator,
                    event(
                        "call",
                        "v-c4",
                        NOW + 300_000,
                        "\"caller\":\"" + NUMBER + "\",\"callee\":\"10086\",\"duration_s\":30"))))
        .isEqualTo("VERIFY_SUSPENDED");

    assertThat(
            bank.post(
                    "/api/v1/verifications/" + phoneTask + "/outcome", "{\"outcome\":\"verified\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(
            operator
                .post("/api/v1/verifications/" + phoneTask + "/outcome", "{\"outcome\":\"maybe\"}")
                .statusCode())
        .isEqualTo(400);
    HttpResponse<String> verified =
        operator.post(
            "/api/v1/verifications/" + phoneTask + "/outcome",
            "{\"outcome\":\"verified\",\"note\":\"face match at the branch\"}");
    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
    JsonNode task = json.readTree(verified.body());
    assertThat(task.get("state").asString()).isEqualTo("verified");
    assertThat(task.get("timeline"))
        .extracting(s -> s.get("kind").asString())
        .containsExactly("opened", "restricted", "suspended", "verified");
    assertThat(
            operator
                .post(
                    "/api/v1/verifications/" + phoneTask + "/outcome", "{\"outcome\":\"verified\"}")
                .statusCode())
        .isEqualTo(409);
    assertThat(
            firstReason(
                decide(
                    operator,
                    event(
                        "call",
                        "v-c5",
                        NOW + 360_000,
                        "\"caller\":\""
                            + NUMBER
                            + "\",\"callee\":\"+8613800000001\",\"duration_s\":30"))))
        .as("restored")
        .doesNotStartWith("VERIFY_");

    desk.tick();
    assertThat(json.readTree(operator.get("/api/v1/verifications?status=open").body()))
        .as("not asked again soon")
        .isEmpty();
    assertThat(
            new Api(port, "admin", "admin-pw").get("/api/v1/verifications?status=suspended").body())
        .contains(ACCOUNT)
        .doesNotContain(NUMBER);

    String page = admin.get("/subscribers?lang=en&phone=" + NUMBER.substring(3)).body();
    assertThat(page).contains("id=\"score-band\"").contains("SUB_HIGH_RISK").contains("id=\"task-");
    assertThat(admin.get("/subscribers?lang=en&state=suspended").body())
        .contains(ACCOUNT)
        .contains("Suspended")
        .doesNotContain(NUMBER);
    assertThat(new Api(port, "reviewer", "x").get("/subscribers").statusCode()).isIn(401, 403);
    assertThat(bank.get("/subscribers?lang=en&phone=" + NUMBER.substring(3)).body())
        .as("a bank reads no scores")
        .contains("for operators and analysts")
        .doesNotContain("id=\"score-band\"");
  }
}
