package org.fanzha.server.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.TestDirs;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10's path in the whole server: the public reports an account; an analyst lists it; a
 * look-up shows it listed; a transfer to it is held with the entry's reason; its owner appeals; a
 * reviewer upholds; the next look-up and transfer show it lifted. Around it: who may do what,
 * refusals naming the field, CSV import, rate limits.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"fanzha.portal.lookups-per-minute=12", "fanzha.portal.sends-per-minute=50"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ListsAndAppealsTest {
  static final Path DATA = TestDirs.create("fanzha-lists");
  static final long NOW = System.currentTimeMillis();
  static final String MULE = "6217000010001234569";

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.engine.content-model", () -> "false");
  }

  @LocalServerPort int port;
  final JsonMapper json = JsonMapper.builder().build();

  Api admin() {
    return new Api(port, "admin", "admin-pw");
  }

  JsonNode read(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return json.readTree(r.body());
  }

  static String transfer(String id, int minutesAgo) {
    return "{\"type\":\"transfer\",\"id\":\""
        + id
        + "\",\"ts\":\""
        + Timestamps.format(NOW - minutesAgo * 60_000L)
        + "\",\"from\":\"6222020200112233446\",\"to\":\""
        + MULE
        + "\",\"amount\":\"800.00\"}";
  }

  @Test
  void reportedListedHeldAppealedUpheldLifted() throws Exception {
    Api admin = admin();
    // someone tracks the account: nothing on record yet
    assertThat(
            read(admin.getAnonymously("/portal/api/lookup?kind=account&value=" + MULE), 200)
                .path("band")
                .asString())
        .isEqualTo("none");
    assertThat(
            read(admin.post("/api/v1/decide", transfer("la-t0", 60)), 200)
                .path("action")
                .asString())
        .isEqualTo("allow");

    // the public reports it: a report event; the look-up says reported
    JsonNode report =
        read(
            admin.postAnonymously(
                "/portal/api/reports",
                "{\"targets\":[{\"kind\":\"account\",\"value\":\""
                    + MULE
                    + "\"}],\"text\":\"对方自称客服让我转账到这个账户\",\"fraud_type\":\"customer_service\"}"),
            201);
    assertThat(report.path("id").asString()).startsWith("PR-");
    JsonNode reported =
        read(admin.getAnonymously("/portal/api/lookup?kind=account&value=" + MULE), 200);
    assertThat(reported.path("band").asString()).isEqualTo("reported");
    assertThat(reported.path("reports").asLong()).isEqualTo(1);
    assertThat(reported.toString()).as("nothing personal in a public answer").doesNotContain(MULE);

    // an analyst lists it
    JsonNode added =
        read(
            admin.post(
                "/api/v1/lists/entries",
                "{\"list\":\"black\",\"kind\":\"account\",\"value\":\""
                    + MULE
                    + "\",\"reason\":\"收取多名受害人转账后快进快出\",\"source\":\"institution\",\"fraud_type\":\"customer_service\"}"),
            201);
    String entry = added.path("id").asString();
    assertThat(added.path("entry").path("in_force").asBoolean()).isTrue();
    assertThat(
            read(admin.getAnonymously("/portal/api/lookup?kind=account&value=" + MULE), 200)
                .path("band")
                .asString())
        .isEqualTo("listed");

    // the next transfer to it is held, naming the entry and its reason
    JsonNode held = read(admin.post("/api/v1/decide", transfer("la-t1", 50)), 200);
    assertThat(held.path("action").asString()).isEqualTo("hold");
    assertThat(held.path("listings").path(0).path("id").asString()).isEqualTo(entry);
    assertThat(held.path("listings").path(0).path("reason").asString()).isEqualTo("收取多名受害人转账后快进快出");

    // the owner appeals; a reviewer (not the analyst who listed it) upholds
    JsonNode sent =
        read(
            admin.postAnonymously(
                "/portal/api/appeals",
                "{\"kind\":\"account\",\"value\":\""
                    + MULE
                    + "\",\"reason\":\"这是我经营店铺的收款账户，有营业执照\",\"contact\":\"138****0000\"}"),
            201);
    String token = sent.path("token").asString();
    assertThat(
            read(admin.getAnonymously("/portal/api/appeals/" + token), 200)
                .path("status")
                .asString())
        .isEqualTo("open");
    read(
        admin.post(
            "/api/v1/users",
            "{\"name\":\"rev\",\"password\":\"rev-password-1\",\"roles\":[\"REVIEWER\"],"
                + "\"regions\":[]}"),
        201);
    Api reviewer = admin.as("rev", "rev-password-1");
    JsonNode queue = read(reviewer.get("/api/v1/appeals?status=open"), 200);
    JsonNode mine = null;
    for (JsonNode a : queue.path("appeals")) {
      if (a.path("value").asString().equals(MULE)) {
        mine = a;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.path("entries").path(0).asString())
        .as("the appeal names the listing")
        .isEqualTo(entry);
    assertThat(reviewer.post("/api/v1/lists/entries", "{}").statusCode())
        .as("reviewers do not list")
        .isEqualTo(403);
    JsonNode decided =
        read(
            reviewer.post(
                "/api/v1/appeals/" + sent.path("id").asString() + "/decision",
                "{\"outcome\":\"upheld\",\"note\":\"营业执照核实无误\"}"),
            200);
    assertThat(decided.path("status").asString()).isEqualTo("upheld");
    assertThat(
            reviewer
                .post(
                    "/api/v1/appeals/" + sent.path("id").asString() + "/decision",
                    "{\"outcome\":\"rejected\",\"note\":\"x\"}")
                .statusCode())
        .as("decided once")
        .isEqualTo(409);

    // lifted at once: status, look-up, history and the next transfer say so
    JsonNode status = read(admin.getAnonymously("/portal/api/appeals/" + token), 200);
    assertThat(status.path("status").asString()).isEqualTo("upheld");
    assertThat(status.path("note").asString()).isEqualTo("营业执照核实无误");
    assertThat(
            read(admin.getAnonymously("/portal/api/lookup?kind=account&value=" + MULE), 200)
                .path("band")
                .asString())
        .isNotEqualTo("listed");
    JsonNode history =
        read(admin.get("/api/v1/lists/entries?kind=account&value=" + MULE), 200).path("entries");
    assertThat(history).hasSize(2); // the black entry, lifted, and the white one the appeal left
    assertThat(history.findValuesAsString("lifted_by")).contains("rev");
    JsonNode after = read(admin.post("/api/v1/decide", transfer("la-t2", 40)), 200);
    assertThat(after.path("action").asString()).isNotEqualTo("hold");
    assertThat(after.has("listings")).isFalse();
  }

  @Test
  void refusalsNameTheField_andOnlyStaffListOrLift() throws Exception {
    Api admin = admin();
    assertThat(admin.postAnonymously("/api/v1/lists/entries", "{}").statusCode()).isEqualTo(401);
    JsonNode noBasis =
        read(
            admin.post(
                "/api/v1/lists/entries",
                "{\"list\":\"dishonest\",\"kind\":\"holder\",\"value\":"
                    + "\"11010519491231002X\",\"reason\":\"出租银行卡\",\"source\":\"institution\"}"),
            400);
    assertThat(noBasis.path("detail").asString()).startsWith("legal_basis");
    JsonNode badPhone =
        read(
            admin.post(
                "/api/v1/lists/entries",
                "{\"list\":\"black\",\"kind\":\"phone\",\"value\":"
                    + "\"12\",\"reason\":\"r\",\"source\":\"s\"}"),
            400);
    assertThat(badPhone.path("detail").asString()).startsWith("value");
    JsonNode tooLong =
        read(
            admin.post(
                "/api/v1/lists/entries",
                "{\"list\":\"dishonest\",\"kind\":\"holder\",\"value\":"
                    + "\"11010519491231002X\",\"reason\":\"出租银行卡\",\"source\":\"institution\",\"legal_basis\":\"第31条\","
                    + "\"expires_at\":\""
                    + Timestamps.format(NOW + 4L * 365 * 86_400_000L)
                    + "\"}"),
            400);
    assertThat(tooLong.path("detail").asString()).contains("three years");
    JsonNode dishonest =
        read(
            admin.post(
                "/api/v1/lists/entries",
                "{\"list\":\"dishonest\",\"kind\":\"holder\",\"value\":"
                    + "\"11010519491231002x\",\"reason\":\"出租银行卡\",\"source\":\"institution\",\"legal_basis\":\"第31条\"}"),
            201);
    assertThat(dishonest.path("entry").path("value").asString())
        .as("normalised")
        .isEqualTo("11010519491231002X");
    assertThat(dishonest.path("entry").path("expires_at").isNull())
        .as("two years by default")
        .isFalse();
    String id = dishonest.path("id").asString();
    String notice =
        read(admin.get("/api/v1/lists/entries/" + id + "/notice"), 200).path("notice").asString();
    assertThat(notice)
        .contains("失信名单")
        .contains("出租银行卡")
        .contains("第31条")
        .contains("/portal/appeal")
        .contains("居民身份证")
        .contains("柜面");
    assertThat(
            read(admin.get("/api/v1/lists/entries/" + id + "/notice?lang=en"), 200)
                .path("notice")
                .asString())
        .contains("Dishonest list")
        .contains("appeal");
    assertThat(
            read(admin.delete("/api/v1/lists/entries/" + id + "?reason=wrong%20person"), 200)
                .path("in_force")
                .asBoolean())
        .isFalse();
    assertThat(admin.delete("/api/v1/lists/entries/" + id).statusCode())
        .as("lifted once")
        .isEqualTo(404);
  }

  @Test
  void csvImport_reportsBadRowsByLine_storesTheRest_exportsThem() throws Exception {
    Api admin = admin();
    String csv =
        "list,kind,value,reason,source,expires_at\n"
            + "grey,phone,13912345678,多次被举报,import,\n"
            + "black,phone,12,bad number,import,\n"
            + "black,url,HTTP://Fake-Bank.example/Login,仿冒银行网站,import,2030-01-01T00:00:00+08:00\n"
            + "purple,phone,13912345679,x,import,\n"
            + "white,phone,139 1234 5678,verified normal,import,\n"
            + "black,domain,evil.example,\"=HYPERLINK(\"\"http://evil.example\"\")\",@feed,\n";
    JsonNode r = read(admin.post("/api/v1/lists/import", csv), 200);
    assertThat(r.path("imported").asInt()).isEqualTo(3);
    assertThat(r.path("errors")).hasSize(3);
    assertThat(r.path("errors").path(2).path("line").asInt())
        .as("white beside grey in the same file")
        .isEqualTo(6);
    assertThat(r.path("errors").path(2).path("field").asString()).isEqualTo("list");
    assertThat(r.path("errors").path(0).path("line").asInt()).isEqualTo(3);
    assertThat(r.path("errors").path(0).path("field").asString()).isEqualTo("value");
    assertThat(r.path("errors").path(1).path("line").asInt()).isEqualTo(5);
    assertThat(r.path("errors").path(1).path("field").asString()).isEqualTo("list");
    HttpResponse<String> export = admin.get("/api/v1/lists/export?list=black");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.body())
        .startsWith("list,kind,value,reason,source,expires_at")
        .contains("http://fake-bank.example/login")
        .as("free text a spreadsheet would run as a formula is written inert")
        .contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\",'@feed")
        .doesNotContain(",\"=HYPERLINK");
    assertThat(
            read(
                    admin.getAnonymously(
                        "/portal/api/lookup?kind=url&value=http://fake-bank.example/login"),
                    200)
                .path("band")
                .asString())
        .isEqualTo("listed");
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: it spends this address's look-ups for the minute
  void lookups_areLimitedPerClient() throws Exception {
    Api admin = admin();
    int limited = 0;
    for (int i = 0; i < 15; i++) {
      if (admin
              .getAnonymously(
                  "/portal/api/lookup?kind=phone&value=1390000" + String.format("%04d", i))
              .statusCode()
          == 429) {
        limited++;
      }
    }
    assertThat(limited).as("12 a minute per client, then 429").isGreaterThanOrEqualTo(1);
  }

  @Test
  void hostileAppeals_escapedWhereShown_wrongTypesAndHugeBodiesRefused() throws Exception {
    Api admin = admin();
    String hostile = "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>";
    read(
        admin.postAnonymously(
            "/portal/api/appeals",
            "{\"kind\":\"phone\",\"value\":\"13800138077\",\"reason\":\""
                + hostile.replace("\"", "\\\"")
                + "\",\"contact\":\""
                + hostile.replace("\"", "\\\"")
                + "\"}"),
        201);
    HttpResponse<String> page = admin.get("/appeals");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .doesNotContain("<script>alert")
        .doesNotContain("<img src=x")
        .contains("&lt;script&gt;alert(document.cookie)&lt;/script&gt;");
    assertThat(
            admin
                .postAnonymously(
                    "/portal/api/appeals",
                    "{\"kind\":\"phone\",\"value\":\"13800138077\",\"reason\":\""
                        + "x".repeat(70_000)
                        + "\",\"contact\":\"c\"}")
                .statusCode())
        .as("over 64 KB")
        .isEqualTo(413);
    assertThat(
            admin
                .postAnonymously(
                    "/portal/api/appeals",
                    "{\"kind\":\"phone\",\"value\":\"../../etc/passwd\","
                        + "\"reason\":\"xxxxxx\",\"contact\":\"ccc\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(admin.getAnonymously("/portal/api/appeals/" + "x".repeat(500)).statusCode())
        .isEqualTo(404);
    HttpResponse<String> portal = admin.getAnonymously("/portal?kind=phone&value=%3Cscript%3E");
    assertThat(portal.statusCode()).isEqualTo(200);
    assertThat(portal.body()).doesNotContain("<script>").contains("&lt;script&gt;");
  }

  @Test
  void twoEntriesOnOneValue_liftingOneKeepsTheOther_whiteRefusedWhileBlack_portalReportsCountOnce()
      throws Exception {
    Api admin = admin();
    String acct = "6217000010007777009";
    String body =
        "{\"list\":\"black\",\"kind\":\"account\",\"value\":\""
            + acct
            + "\",\"reason\":\"%s\","
            + "\"source\":\"institution\"}";
    String first =
        read(admin.post("/api/v1/lists/entries", String.format(body, "bank A case")), 201)
            .path("id")
            .asString();
    String second =
        read(admin.post("/api/v1/lists/entries", String.format(body, "bank B case")), 201)
            .path("id")
            .asString();
    JsonNode white =
        read(
            admin.post(
                "/api/v1/lists/entries",
                "{\"list\":\"white\",\"kind\":\"account\",\"value\":\""
                    + acct
                    + "\",\"reason\":\"verified\",\"source\":\"institution\"}"),
            400);
    assertThat(white.path("detail").asString()).startsWith("list").contains("lift that first");

    read(admin.delete("/api/v1/lists/entries/" + first + "?reason=settled"), 200);
    String t1 =
        "{\"type\":\"transfer\",\"id\":\"two-t1\",\"ts\":\""
            + Timestamps.format(NOW - 20 * 60_000L)
            + "\",\"from\":\"6222020200112233446\",\"to\":\""
            + acct
            + "\",\"amount\":\"800.00\"}";
    assertThat(read(admin.post("/api/v1/decide", t1), 200).path("action").asString())
        .as("the other entry still holds it")
        .isEqualTo("hold");
    read(admin.delete("/api/v1/lists/entries/" + second + "?reason=settled"), 200);
    assertThat(
            read(admin.post("/api/v1/decide", t1.replace("two-t1", "two-t2")), 200)
                .path("action")
                .asString())
        .isNotEqualTo("hold");

    for (int i = 0; i < 3; i++) {
      read(
          admin.postAnonymously(
              "/portal/api/reports",
              "{\"targets\":[{\"kind\":\"account\",\"value\":\""
                  + acct
                  + "\"}],\"text\":\"again and again\"}"),
          201);
    }
    assertThat(
            read(admin.getAnonymously("/portal/api/lookup?kind=account&value=" + acct), 200)
                .path("reports")
                .asLong())
        .as("anonymous portal reports count once")
        .isEqualTo(1);

    String url = "http://refund-desk.example/claim";
    assertThat(
            read(admin.getAnonymously("/portal/api/lookup?kind=url&value=" + url), 200)
                .path("band")
                .asString())
        .isEqualTo("none");
    read(
        admin.postAnonymously(
            "/portal/api/reports",
            "{\"targets\":[{\"kind\":\"url\",\"value\":\""
                + "HTTP://Refund-Desk.example/claim\"}],\"text\":\"a refund page asking for my card\"}"),
        201);
    JsonNode reportedUrl =
        read(admin.getAnonymously("/portal/api/lookup?kind=url&value=" + url), 200);
    assertThat(reportedUrl.path("band").asString())
        .as("a reported URL, written differently")
        .isEqualTo("reported");
    assertThat(reportedUrl.path("reports").asLong()).isEqualTo(1);
  }
}
