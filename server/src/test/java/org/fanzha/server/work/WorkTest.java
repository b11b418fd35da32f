package org.fanzha.server.work;

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
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.TestDirs;
import org.fanzha.server.warnings.WarningDesk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One case workflow over HTTP: an analyst's open work gathers warnings, holds and clues of their
 * regions, a reviewer's the appeals; items are claimed or given to a colleague whose roles take
 * them (no one else); notes carry files typed by their bytes and served back only as downloads;
 * another region's items cannot be seen or touched.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkTest {
  static final Path DATA = TestDirs.create("fanzha-work");
  static final long NOW = System.currentTimeMillis();
  static final String FRAUD = "+8617012345690";
  static final String MULE = "6217000010001234569";
  static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
  static boolean loaded;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.security.demo-user.password", () -> "analyst-pw");
    r.add("fanzha.security.reviewer-user.password", () -> "reviewer-pw");
    r.add("fanzha.engine.content-model", () -> "false");
  }

  @LocalServerPort int port;
  @Autowired WarningDesk warnings;
  final JsonMapper json = JsonMapper.builder().build();

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

  @BeforeEach
  void load() throws Exception {
    if (loaded) {
      return;
    }
    Api admin = new Api(port, "admin", "admin-pw");
    assertThat(
            admin
                .post(
                    "/api/v1/events",
                    String.join(
                        "\n",
                        event(
                            "label",
                            "w-l1",
                            120,
                            "\"entity_kind\":\"phone\",\"entity\":\""
                                + FRAUD
                                + "\",\"role\":\"fraud_number\",\"fraud_type\":\"police\""),
                        event(
                            "call",
                            "w-c1",
                            30,
                            "\"caller\":\""
                                + FRAUD
                                + "\",\"callee\":\"13800138031\",\"duration_s\":900,"
                                + "\"callee_region\":\"410402\"")))
                .statusCode())
        .isEqualTo(200);
    assertThat(warnings.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(
            admin
                .post(
                    "/api/v1/holds",
                    "{\"kind\":\"stop\",\"account\":\""
                        + MULE
                        + "\",\"amount\":\"49000.00\","
                        + "\"case_ref\":\"case-1\"}")
                .statusCode())
        .isEqualTo(201);
    assertThat(
            admin
                .post(
                    "/api/v1/institutions",
                    "{\"name\":\"Luoyang centre\",\"kind\":\"police\"," + "\"regions\":[\"41\"]}")
                .statusCode())
        .isEqualTo(201);
    assertThat(
            admin
                .post(
                    "/api/v1/clues",
                    "{\"target\":{\"kind\":\"phone\",\"value\":\""
                        + FRAUD
                        + "\"},"
                        + "\"severity\":\"high\",\"summary\":\"called a victim for 15 minutes\",\"region\":\"410402\"}")
                .statusCode())
        .isEqualTo(201);
    assertThat(
            admin
                .post(
                    "/api/v1/lists/entries",
                    "{\"list\":\"black\",\"kind\":\"account\",\"value\":\""
                        + MULE
                        + "\",\"reason\":\"many victims paid it\",\"source\":\"institution\"}")
                .statusCode())
        .isEqualTo(201);
    assertThat(
            admin
                .postAnonymously(
                    "/portal/api/appeals",
                    "{\"kind\":\"account\",\"value\":\""
                        + MULE
                        + "\",\"reason\":\"my shop's account\",\"contact\":\"13800138000\"}")
                .statusCode())
        .isEqualTo(201);
    assertThat(
            admin
                .post(
                    "/api/v1/users",
                    "{\"name\":\"zj-work\",\"password\":\"zj-work-pw-1\",\"roles\":[\"ANALYST\"],"
                        + "\"regions\":[\"33\"]}")
                .statusCode())
        .isEqualTo(201);
    loaded = true;
  }

  @Test
  void eachRoleGetsItsWork_claimedOrGivenOnlyToThoseWhoDoIt() throws Exception {
    Api analyst = new Api(port, "demo", "analyst-pw");
    Api reviewer = new Api(port, "reviewer", "reviewer-pw");
    JsonNode open = json.readTree(analyst.get("/api/v1/work?view=unassigned").body());
    assertThat(kinds(open)).contains("warning", "hold", "clue").doesNotContain("appeal");
    assertThat(kinds(json.readTree(reviewer.get("/api/v1/work?view=unassigned").body())))
        .containsOnly("appeal");
    String warning = refOf(open, "warning");
    String appeal =
        refOf(json.readTree(reviewer.get("/api/v1/work?view=unassigned").body()), "appeal");

    assertThat(
            analyst
                .post("/api/v1/work/warning/" + warning + "/assign", "{\"assignee\":\"demo\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(kinds(json.readTree(analyst.get("/api/v1/work").body()))).containsExactly("warning");
    assertThat(refs(json.readTree(analyst.get("/api/v1/work?view=unassigned").body())))
        .doesNotContain(warning);
    assertThat(
            problem(
                analyst.post(
                    "/api/v1/work/warning/" + warning + "/assign", "{\"assignee\":\"reviewer\"}")))
        .contains("does not work warnings");
    assertThat(
            problem(
                analyst.post(
                    "/api/v1/work/warning/" + warning + "/assign", "{\"assignee\":\"nobody-x\"}")))
        .contains("no staff user");
    assertThat(
            analyst
                .post("/api/v1/work/appeal/" + appeal + "/assign", "{\"assignee\":\"demo\"}")
                .statusCode())
        .as("analysts do not work appeals")
        .isEqualTo(404);
    assertThat(
            reviewer
                .post("/api/v1/work/appeal/" + appeal + "/assign", "{\"assignee\":\"reviewer\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            analyst
                .post("/api/v1/work/warning/" + warning + "/assign", "{\"assignee\":null}")
                .statusCode())
        .isEqualTo(200);
    assertThat(refs(json.readTree(analyst.get("/api/v1/work?view=unassigned").body())))
        .contains(warning);

    Api zhejiang = new Api(port, "zj-work", "zj-work-pw-1");
    assertThat(refs(json.readTree(zhejiang.get("/api/v1/work?view=all").body())))
        .doesNotContain(warning);
    assertThat(zhejiang.get("/api/v1/work/warning/" + warning).statusCode()).isEqualTo(404);
    assertThat(
            zhejiang
                .post("/api/v1/work/warning/" + warning + "/notes", "{\"text\":\"x\"}")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void notesCarryFilesTypedByTheirBytesAndServedOnlyAsDownloads() throws Exception {
    Api analyst = new Api(port, "demo", "analyst-pw");
    String hold = refOf(json.readTree(analyst.get("/api/v1/work?view=all").body()), "hold");
    assertThat(
            analyst
                .post(
                    "/api/v1/work/hold/" + hold + "/notes",
                    "{\"text\":\"bank called: applied at 10:05\"}")
                .statusCode())
        .isEqualTo(201);
    assertThat(problem(analyst.post("/api/v1/work/hold/" + hold + "/notes", "{\"text\":\" \"}")))
        .startsWith("text:");
    HttpResponse<String> withFile =
        multipart("/api/v1/work/hold/" + hold + "/notes", "bank's reply", "reply.png", PNG);
    assertThat(withFile.statusCode()).as(withFile.body()).isEqualTo(201);
    String note = json.readTree(withFile.body()).get("id").asString();
    HttpResponse<String> html =
        multipart(
            "/api/v1/work/hold/" + hold + "/notes",
            "x",
            "evil.png",
            "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
    assertThat(html.statusCode()).isEqualTo(400);
    assertThat(json.readTree(html.body()).get("detail").asString())
        .contains("only PDF, PNG or JPEG");

    JsonNode item = json.readTree(analyst.get("/api/v1/work/hold/" + hold).body());
    assertThat(item.get("notes")).hasSize(2);
    assertThat(item.get("notes").get(1).get("file").asString()).isEqualTo("reply.png");
    HttpResponse<byte[]> file =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:"
                                + port
                                + "/api/v1/work/hold/"
                                + hold
                                + "/notes/"
                                + note
                                + "/file"))
                    .header("Authorization", basic("demo", "analyst-pw"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(PNG);
    assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
        .startsWith("attachment");
    assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  private HttpResponse<String> multipart(String path, String text, String fileName, byte[] content)
      throws Exception {
    String boundary = "----fanzha" + System.nanoTime();
    List<byte[]> parts = new ArrayList<>();
    parts.add(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n"
                + text
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
    parts.add(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    parts.add(content);
    parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic("demo", "analyst-pw"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> kinds(JsonNode items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.get("kind").asString()));
    return out;
  }

  private static List<String> refs(JsonNode items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.get("ref").asString()));
    return out;
  }

  private static String refOf(JsonNode items, String kind) {
    for (JsonNode i : items) {
      if (i.get("kind").asString().equals(kind)) {
        return i.get("ref").asString();
      }
    }
    throw new AssertionError("no " + kind + " in " + items);
  }

  private String problem(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    return json.readTree(r.body()).path("detail").asString();
  }
}
