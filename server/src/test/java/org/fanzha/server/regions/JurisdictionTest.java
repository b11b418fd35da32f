package org.fanzha.server.regions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.support.Api;
import org.fanzha.server.support.TestDirs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staff limited to regions, by user or by API key: a person or account of their regions is seen
 * whole, one nobody can place is seen masked, another region's not at all — in entity look-ups,
 * fund traces and the console's lists.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JurisdictionTest {
  static final Path DATA = TestDirs.create("fanzha-jurisdiction");
  static final long NOW = System.currentTimeMillis();
  static final String HANGZHOU = "13800138021";
  static final String LUOYANG = "13800138022";
  static final String NOWHERE = "13800138023";
  static final String LUOYANG_ACCOUNT = "6217000010001234569";
  static boolean loaded;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
  }

  @LocalServerPort int port;
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

  @BeforeAll
  static void clear() {
    loaded = false;
  }

  void load() throws Exception {
    if (loaded) {
      return;
    }
    Api admin = new Api(port, "admin", "admin-pw");
    HttpResponse<String> r =
        admin.post(
            "/api/v1/events",
            String.join(
                "\n",
                event(
                    "call",
                    "j-c1",
                    50,
                    "\"caller\":\""
                        + HANGZHOU
                        + "\",\"callee\":\""
                        + NOWHERE
                        + "\",\"duration_s\":60,\"caller_region\":\"330106\""),
                event(
                    "call",
                    "j-c2",
                    40,
                    "\"caller\":\""
                        + LUOYANG
                        + "\",\"callee\":\""
                        + NOWHERE
                        + "\",\"duration_s\":60,\"caller_region\":\"410402\""),
                event(
                    "opening",
                    "j-o1",
                    30,
                    "\"kind\":\"bank_account\",\"account\":\""
                        + LUOYANG_ACCOUNT
                        + "\",\"holder\":\"410302199001011235\",\"region\":\"410402\""),
                event(
                    "transfer",
                    "j-t1",
                    20,
                    "\"from\":\""
                        + LUOYANG_ACCOUNT
                        + "\",\"to\":\"6222020200112233446\","
                        + "\"amount\":\"500.00\""),
                event(
                    "label",
                    "j-l1",
                    10,
                    "\"entity_kind\":\"phone\",\"entity\":\""
                        + HANGZHOU
                        + "\",\"role\":\"fraud_number\""),
                event(
                    "label",
                    "j-l2",
                    10,
                    "\"entity_kind\":\"phone\",\"entity\":\""
                        + LUOYANG
                        + "\",\"role\":\"fraud_number\""),
                event(
                    "label",
                    "j-l3",
                    10,
                    "\"entity_kind\":\"phone\",\"entity\":\""
                        + NOWHERE
                        + "\",\"role\":\"fraud_number\"")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(
            admin
                .post(
                    "/api/v1/users",
                    "{\"name\":\"zj-1\",\"password\":\"zj-1-password\",\"roles\":[\"ANALYST\"],"
                        + "\"regions\":[\"33\"]}")
                .statusCode())
        .isEqualTo(201);
    loaded = true;
  }

  @Test
  void aRegionalAnalystSeesTheirRegionWholeAnUnplacedNumberMaskedAndAnotherRegionNotAtAll()
      throws Exception {
    load();
    Api zhejiang = new Api(port, "zj-1", "zj-1-password");
    JsonNode own = json.readTree(zhejiang.get("/api/v1/entities/phone/" + HANGZHOU).body());
    assertThat(own.get("masked").asBoolean()).isFalse();
    assertThat(own.get("recent_events")).isNotEmpty();
    JsonNode unplaced = json.readTree(zhejiang.get("/api/v1/entities/phone/" + NOWHERE).body());
    assertThat(unplaced.get("masked").asBoolean()).isTrue();
    assertThat(unplaced.has("recent_events")).isFalse();
    assertThat(zhejiang.get("/api/v1/entities/phone/" + LUOYANG).statusCode()).isEqualTo(404);
    assertThat(zhejiang.get("/api/v1/entities/account/" + LUOYANG_ACCOUNT).statusCode())
        .isEqualTo(404);
    assertThat(
            zhejiang
                .get(
                    "/api/v1/trace/account/"
                        + LUOYANG_ACCOUNT
                        + "?after=2026-01-01T00:00:00%2B08:00")
                .statusCode())
        .as("a trace from another region's account")
        .isEqualTo(404);
    HttpResponse<String> hold =
        new Api(port, "admin", "admin-pw")
            .post(
                "/api/v1/holds",
                "{\"kind\":\"stop\","
                    + "\"account\":\""
                    + LUOYANG_ACCOUNT
                    + "\",\"amount\":\"100.00\",\"case_ref\":\"j-case\"}");
    assertThat(hold.statusCode()).isEqualTo(201);
    String holdId = json.readTree(hold.body()).get("id").asString();
    assertThat(zhejiang.get("/api/v1/holds").body()).doesNotContain(holdId);
    assertThat(zhejiang.get("/api/v1/holds/" + holdId).statusCode()).isEqualTo(404);
    assertThat(new Api(port, "admin", "admin-pw").get("/api/v1/holds").body()).contains(holdId);

    Api admin = new Api(port, "admin", "admin-pw");
    assertThat(
            json.readTree(admin.get("/api/v1/entities/phone/" + LUOYANG).body())
                .get("masked")
                .asBoolean())
        .as("an administrator answers for everywhere")
        .isFalse();
    String riskiest = zhejiang.get("/console/riskiest").body();
    assertThat(riskiest)
        .contains("138****8021")
        .contains("138****8023")
        .doesNotContain("138****8022");
    assertThat(admin.get("/console/riskiest").body())
        .contains("138****8021")
        .contains("138****8022");
  }

  @Test
  void anApiKeyIsKeptToItsRegionsTheSameWay() throws Exception {
    load();
    Api admin = new Api(port, "admin", "admin-pw");
    HttpResponse<String> issued =
        admin.post(
            "/api/v1/api-keys",
            "{\"name\":\"henan desk\",\"roles\":[\"ANALYST\"]," + "\"regions\":[\"41\"]}");
    assertThat(issued.statusCode()).isEqualTo(201);
    Api henan = admin.withKey(json.readTree(issued.body()).get("key").asString());
    assertThat(
            json.readTree(henan.get("/api/v1/entities/phone/" + LUOYANG).body())
                .get("masked")
                .asBoolean())
        .isFalse();
    assertThat(henan.get("/api/v1/entities/phone/" + HANGZHOU).statusCode()).isEqualTo(404);
    assertThat(
            henan
                .get(
                    "/api/v1/trace/account/"
                        + LUOYANG_ACCOUNT
                        + "?after=2026-01-01T00:00:00%2B08:00")
                .statusCode())
        .isEqualTo(200);
  }
}
