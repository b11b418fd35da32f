package org.fanzha.server.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.Role;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.TestDirs;
import org.fanzha.store.Database;
import org.fanzha.store.JournalEntry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warning desk in the whole server: the engine's warnings about one person become one task for
 * the unit of their county, typed, graded and with its texts; a payment by that person is held with
 * the warning's script; the outcome closes it, requests a stop of the account paid and labels the
 * case; a task nobody works moves up.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WarningDeskTest {
  static final Path DATA = TestDirs.create("fanzha-warnings");
  static final long NOW = System.currentTimeMillis();
  static final String FRAUD = "+8617012345678";

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.engine.content-model", () -> "false");
  }

  @LocalServerPort int port;
  @Autowired WarningDesk desk;
  @Autowired Database db;
  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aWarnedPersonIsOneTypedTaskOfTheirCountyTheirPaymentIsHeldAndPaidClosesIt()
      throws Exception {
    String victim = "13800138001";
    post(
        "/api/v1/events",
        String.join(
            "\n",
            event(
                "label",
                "wd-l1",
                120,
                "\"entity_kind\":\"phone\",\"entity\":\""
                    + FRAUD
                    + "\",\"role\":\"fraud_number\",\"fraud_type\":\"police\""),
            event(
                "call",
                "wd-c1",
                30,
                "\"caller\":\""
                    + FRAUD
                    + "\",\"callee\":\""
                    + victim
                    + "\",\"duration_s\":900,"
                    + "\"callee_region\":\"410402\""),
            event(
                "device",
                "wd-d1",
                25,
                "\"subscriber\":\""
                    + victim
                    + "\",\"kind\":\"screen_share\","
                    + "\"target\":\"com.example.meeting\"")));
    assertThat(desk.awaitIdle(Duration.ofSeconds(10))).isTrue();

    JsonNode task = only(get("/api/v1/warnings?status=open"), "+86" + victim);
    assertThat(task.path("fraud_type").asString())
        .as("the caller's label names the type")
        .isEqualTo("police");
    assertThat(task.path("region").asString()).isEqualTo("410402");
    assertThat(task.path("task").path("unit").asString())
        .as("the county's unit")
        .isEqualTo("410402");
    assertThat(task.path("task").path("unit_level").asString()).isEqualTo("county");
    assertThat(task.path("severity").asString()).isIn("high", "medium");
    assertThat(task.path("contact").asString()).isEqualTo(FRAUD);
    assertThat(task.path("task").path("sms").asString()).contains("12381").contains("170****5678");
    assertThat(task.path("task").path("script").asString()).contains("96110").contains("公检法");
    List<String> evidence = new ArrayList<>();
    task.path("evidence").forEach(e -> evidence.add(e.asString()));
    assertThat(evidence).contains("wd-c1", "wd-d1");
    JsonNode one =
        json.readTree(get("/api/v1/warnings/" + task.path("id").asString() + "?lang=en").body());
    long raised = countKind(one.path("timeline"), "raised");
    assertThat(raised).as("the call and the screen share each warned: one task").isEqualTo(2);
    assertThat(one.path("task").path("script").asString()).contains("police");

    // the person now pays: the bank is told to hold it and call them with the script
    String transfer =
        event(
            "transfer",
            "wd-t1",
            10,
            "\"from\":\"6222020200112233446\",\"to\":\"6217000010001234569\","
                + "\"amount\":\"49000.00\",\"from_phone\":\""
                + victim
                + "\"");
    HttpResponse<String> decided = post("/api/v1/decide", transfer);
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    JsonNode d = json.readTree(decided.body());
    assertThat(d.path("action").asString()).isIn("delay", "hold");
    assertThat(d.path("warning").path("id").asString()).isEqualTo(task.path("id").asString());
    assertThat(d.path("warning").path("script").asString()).contains("96110");
    assertThat(d.path("reasons").get(0).path("code").asString()).isEqualTo("WARNING_OPEN");
    assertThat(desk.awaitIdle(Duration.ofSeconds(10))).isTrue();

    HttpResponse<String> paid =
        post(
            "/api/v1/warnings/" + task.path("id").asString() + "/outcome",
            "{\"outcome\":\"paid\",\"note\":\"reached after paying\"}");
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    JsonNode closed = json.readTree(paid.body());
    assertThat(closed.path("warning").path("status").asString()).isEqualTo("closed");
    assertThat(closed.path("warning").path("outcome").asString()).isEqualTo("paid");
    String hold = closed.path("hold").asString();
    assertThat(hold).as("a stop of the account paid was requested").isNotBlank();
    assertThat(db.holds().find(hold))
        .hasValueSatisfying(
            h -> {
              assertThat(h.account()).isEqualTo("6217000010001234569");
              assertThat(h.amountFen()).isEqualTo(4_900_000);
            });
    assertThat(db.journal().find("L-" + task.path("id").asString() + "-payee"))
        .as("the account paid is labelled")
        .map(JournalEntry::event)
        .hasValueSatisfying(e -> assertThat(((LabelEvent) e).role()).isEqualTo(Role.MULE));
    assertThat(db.journal().find("L-" + task.path("id").asString() + "-contact"))
        .map(JournalEntry::event)
        .hasValueSatisfying(
            e -> {
              assertThat(((LabelEvent) e).entity()).isEqualTo(FRAUD);
              assertThat(((LabelEvent) e).entityKind()).isEqualTo(EntityKind.PHONE);
            });

    JsonNode stats = json.readTree(get("/api/v1/warnings/stats").body());
    assertThat(stats.path("paid").asLong()).isPositive();
    assertThat(stats.path("by_type").path("police").asLong()).isPositive();
    assertThat(stats.path("by_unit").path("410402").asLong()).isPositive();
    assertThat(stats.path("by_day").size()).isPositive();

    HttpResponse<String> again =
        post(
            "/api/v1/warnings/" + task.path("id").asString() + "/outcome",
            "{\"outcome\":\"dissuaded\"}");
    assertThat(again.statusCode()).isEqualTo(409);
  }

  @Test
  void notReachedTakesTheNextChannelAndATaskNobodyWorksMovesUpAUnit() throws Exception {
    String victim = "13800138002";
    post(
        "/api/v1/events",
        String.join(
            "\n",
            event(
                "label",
                "wn-l1",
                120,
                "\"entity_kind\":\"phone\",\"entity\":\""
                    + FRAUD
                    + "\",\"role\":\"fraud_number\",\"fraud_type\":\"police\""),
            event(
                "call",
                "wn-c1",
                30,
                "\"caller\":\""
                    + FRAUD
                    + "\",\"callee\":\""
                    + victim
                    + "\",\"duration_s\":900,"
                    + "\"callee_region\":\"330106\"")));
    assertThat(desk.awaitIdle(Duration.ofSeconds(10))).isTrue();
    JsonNode task = only(get("/api/v1/warnings"), "+86" + victim);
    String id = task.path("id").asString();
    String channel = task.path("task").path("channel").asString();

    assertThat(post("/api/v1/warnings/" + id + "/outcome", "{\"outcome\":\"maybe\"}").statusCode())
        .isEqualTo(400);
    assertThat(post("/api/v1/warnings/nope/outcome", "{\"outcome\":\"dissuaded\"}").statusCode())
        .isEqualTo(404);
    HttpResponse<String> r =
        post("/api/v1/warnings/" + id + "/outcome", "{\"outcome\":\"not_reached\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode after = json.readTree(r.body()).path("warning");
    assertThat(after.path("status").asString()).isEqualTo("open");
    List<String> ladder = Playbook.CHANNELS;
    assertThat(ladder.indexOf(after.path("task").path("channel").asString()))
        .as("the next channel")
        .isEqualTo(Math.min(ladder.indexOf(channel) + 1, ladder.size() - 1));

    assertThat(desk.escalateOverdue(System.currentTimeMillis() + Duration.ofDays(2).toMillis()))
        .isPositive();
    JsonNode up = json.readTree(get("/api/v1/warnings/" + id).body());
    assertThat(up.path("task").path("unit").asString())
        .as("the city above the county")
        .isEqualTo("330100");
    assertThat(countKind(up.path("timeline"), "escalated")).isPositive();
  }

  @Test
  void aFalseAlarmLowersTheNextWarningAboutTheSamePersonAndNumber() throws Exception {
    // the engine warns a pair once per first contact; a later episode naming the same number (a
    // payment, a screen
    // share after another call) reaches the desk as below
    String victim = "+8613800138003";
    desk.raised(warning("W-x1", "E-x1", victim, FRAUD));
    assertThat(desk.awaitIdle(Duration.ofSeconds(10))).isTrue();
    HttpResponse<String> r =
        post(
            "/api/v1/warnings/E-x1/outcome",
            "{\"outcome\":\"false_alarm\",\"note\":\"her nephew\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

    desk.raised(warning("W-x2", "E-x2", victim, FRAUD));
    desk.raised(warning("W-x3", "E-x3", victim, "+8617099990000"));
    assertThat(desk.awaitIdle(Duration.ofSeconds(10))).isTrue();
    JsonNode same = json.readTree(get("/api/v1/warnings/E-x2").body());
    JsonNode other = json.readTree(get("/api/v1/warnings/E-x3").body());
    assertThat(same.path("level").asString())
        .as("the pair was a false alarm: one level lower")
        .isEqualTo("medium");
    assertThat(same.path("timeline").get(0).path("detail").asString())
        .contains("false alarm before");
    assertThat(other.path("level").asString()).as("another number: as warned").isEqualTo("high");
  }

  static org.fanzha.engine.Warning warning(
      String id, String episode, String victim, String contact) {
    return new org.fanzha.engine.Warning(
        id,
        NOW - 60_000,
        victim,
        null,
        org.fanzha.engine.Level.HIGH,
        org.fanzha.core.event.FraudType.POLICE,
        List.of("c-" + id),
        episode,
        contact);
  }

  @Test
  void anAnalystOfOneProvinceSeesItsTasksOnlyAndABankNone() throws Exception {
    post(
        "/api/v1/events",
        String.join(
            "\n",
            event(
                "label",
                "wj-l1",
                120,
                "\"entity_kind\":\"phone\",\"entity\":\""
                    + FRAUD
                    + "\",\"role\":\"fraud_number\",\"fraud_type\":\"police\""),
            event(
                "call",
                "wj-c1",
                30,
                "\"caller\":\""
                    + FRAUD
                    + "\",\"callee\":\"13800138004\",\"duration_s\":900,"
                    + "\"callee_region\":\"330106\""),
            event(
                "call",
                "wj-c2",
                29,
                "\"caller\":\""
                    + FRAUD
                    + "\",\"callee\":\"13800138005\",\"duration_s\":900,"
                    + "\"callee_region\":\"410402\"")));
    assertThat(desk.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(
            post(
                    "/api/v1/users",
                    "{\"name\":\"zj-analyst\",\"password\":\"zj-analyst-pw-1\","
                        + "\"roles\":[\"ANALYST\"],\"regions\":[\"33\"]}")
                .statusCode())
        .isEqualTo(201);
    assertThat(
            post(
                    "/api/v1/users",
                    "{\"name\":\"bank-1\",\"password\":\"bank-1-password\","
                        + "\"roles\":[\"BANK\"],\"regions\":[]}")
                .statusCode())
        .isEqualTo(201);
    Api zhejiang = new Api(port, "zj-analyst", "zj-analyst-pw-1");

    JsonNode mine =
        json.readTree(zhejiang.get("/api/v1/warnings?status=all").body()).path("warnings");
    List<String> units = new ArrayList<>();
    mine.forEach(w -> units.add(w.path("task").path("unit").asString()));
    assertThat(units).as("Zhejiang's units only").isNotEmpty().allMatch(u -> u.startsWith("33"));
    String henan = only(get("/api/v1/warnings"), "+8613800138005").path("id").asString();
    assertThat(zhejiang.get("/api/v1/warnings/" + henan).statusCode())
        .as("another province's task")
        .isEqualTo(404);
    assertThat(
            zhejiang
                .post("/api/v1/warnings/" + henan + "/outcome", "{\"outcome\":\"false_alarm\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(new Api(port, "bank-1", "bank-1-password").get("/api/v1/warnings").statusCode())
        .isEqualTo(403);
  }

  @Test
  void warningsAreForAnalysts() throws Exception {
    HttpResponse<String> anonymous =
        new Api(port, "admin", "admin-pw").getAnonymously("/api/v1/warnings");
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  // ---------------------------------------------------------------- helpers

  JsonNode only(HttpResponse<String> r, String victimPhone) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<JsonNode> mine = new ArrayList<>();
    json.readTree(r.body())
        .path("warnings")
        .forEach(
            w -> {
              if (victimPhone.equals(w.path("victim_phone").asString())) {
                mine.add(w);
              }
            });
    assertThat(mine).as("one task for the person").hasSize(1);
    return mine.get(0);
  }

  static long countKind(JsonNode timeline, String kind) {
    long n = 0;
    for (JsonNode s : timeline) {
      if (kind.equals(s.path("kind").asString())) {
        n++;
      }
    }
    return n;
  }

  static String event(String type, String id, int minutesAgo, String fields) {
    return "{\"type\":\""
        + type
        + "\",\"id\":\""
        + id
        + "\",\"ts\":\""
        + Timestamps.format(NOW - minutesAgo * 60_000L)
        + "\","
        + fields
        + "}";
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return new Api(port, "admin", "admin-pw").post(path, body);
  }

  HttpResponse<String> get(String path) throws Exception {
    return new Api(port, "admin", "admin-pw").get(path);
  }
}
