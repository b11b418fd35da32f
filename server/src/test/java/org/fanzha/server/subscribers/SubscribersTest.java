package org.fanzha.server.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.server.support.EventLines.event;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * The subscriber score over HTTP as an operator's systems use it: a score with its band, lines and
 * limits; a call abroad from a number of the lowest band stopped at decide, the same call from a
 * long-standing subscriber let through; other roles and other regions kept out.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SubscribersTest {
  static final Path DATA = TestDirs.create("fanzha-subscribers");
  static final long NOW = 1_795_741_200_000L; // 2026-11-27T09:00+08:00
  static final long DAY = 86_400_000L;
  static final String NEW_CARD = "+8617000000001";
  static final String OLD_CARD = "+8613800000002";
  static final String FRIEND = "+8613900000003";
  static final String ABROAD = "+447700900123";

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    r.add("fanzha.security.reviewer-user.password", () -> "reviewer-pw");
  }

  @LocalServerPort int port;
  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void anOperatorReadsScoresAndItsSwitchIsToldToStopWhatABandForbids() throws Exception {
    Api admin = new Api(port, "admin", "admin-pw");
    StringBuilder events = new StringBuilder();
    events
        .append(
            event(
                "opening",
                "s-o1",
                NOW - 2 * DAY,
                "\"kind\":\"sim\",\"account\":\""
                    + NEW_CARD
                    + "\",\"holder\":\"410302199001011235\",\"region\":\"330106\",\"channel\":\"online\""))
        .append('\n');
    events
        .append(
            event(
                "opening",
                "s-o2",
                NOW - 5 * 365 * DAY,
                "\"kind\":\"sim\",\"account\":\""
                    + OLD_CARD
                    + "\",\"holder\":\"330106198001011235\",\"region\":\"330106\",\"channel\":\"branch\""))
        .append('\n');
    for (int d = 24; d >= 1; d--) {
      events
          .append(
              event(
                  "call",
                  "s-c" + d,
                  NOW - d * DAY,
                  "\"caller\":\""
                      + OLD_CARD
                      + "\",\"callee\":\""
                      + FRIEND
                      + "\",\"duration_s\":95"))
          .append('\n');
    }
    events
        .append(
            event(
                "report",
                "s-r1",
                NOW - 3_600_000,
                "\"reporter\":\"+8613900000011\",\"targets\":[{\"kind\":"
                    + "\"phone\",\"value\":\""
                    + NEW_CARD
                    + "\"}]"))
        .append('\n');
    HttpResponse<String> loaded = admin.post("/api/v1/events", events.toString());
    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
    HttpResponse<String> issued =
        admin.post(
            "/api/v1/api-keys",
            "{\"name\":\"operator switch\",\"roles\":" + "[\"OPERATOR\"],\"regions\":[]}");
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    Api operator = admin.withKey(json.readTree(issued.body()).get("key").asString());

    JsonNode low = json.readTree(operator.get("/api/v1/subscribers/" + NEW_CARD + "/score").body());
    assertThat(low.get("band").asString()).isEqualTo("D");
    assertThat(low.get("reasons"))
        .extracting(r -> r.get("code").asString())
        .contains("SUB_NEW_CARD", "SUB_REPORTED");
    assertThat(low.path("limits").path("international").asBoolean()).isFalse();
    assertThat(low.path("limits").path("calls_per_day").asInt()).isPositive();
    JsonNode high = json.readTree(operator.get("/api/v1/subscribers/13800000002/score").body());
    assertThat(high.get("phone").asString()).isEqualTo(OLD_CARD);
    assertThat(high.get("band").asString()).isEqualTo("A");
    assertThat(high.path("limits").path("calls_per_day").isNull()).isTrue();
    assertThat(high.get("score").asInt()).isGreaterThan(low.get("score").asInt());

    HttpResponse<String> stopped =
        operator.post(
            "/api/v1/decide",
            event(
                "call",
                "s-c-abroad-1",
                NOW,
                "\"caller\":\"" + NEW_CARD + "\",\"callee\":\"" + ABROAD + "\",\"duration_s\":0"));
    assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
    JsonNode s = json.readTree(stopped.body());
    assertThat(s.get("action").asString()).isEqualTo("hold");
    assertThat(s.get("reasons").get(0).get("code").asString()).isEqualTo("SUB_LIMIT_ABROAD");
    assertThat(s.path("subscriber").path("band").asString()).isEqualTo("D");
    HttpResponse<String> ingestKey =
        admin.post(
            "/api/v1/api-keys", "{\"name\":\"intake\",\"roles\":[\"INGEST\"]," + "\"regions\":[]}");
    Api intake = admin.withKey(json.readTree(ingestKey.body()).get("key").asString());
    JsonNode asIntake =
        json.readTree(
            intake
                .post(
                    "/api/v1/decide",
                    event(
                        "call",
                        "s-c-abroad-3",
                        NOW + 30_000,
                        "\"caller\":\""
                            + NEW_CARD
                            + "\",\"callee\":\""
                            + ABROAD
                            + "\",\"duration_s\":0"))
                .body());
    assertThat(asIntake.get("action").asString())
        .as("the limit applies whoever asks")
        .isEqualTo("hold");
    assertThat(asIntake.has("subscriber")).as("the score is for operators and analysts").isFalse();
    assertThat(asIntake.get("entity").asString())
        .as("the stop names the number stopped")
        .isEqualTo(NEW_CARD);
    HttpResponse<String> through =
        operator.post(
            "/api/v1/decide",
            event(
                "call",
                "s-c-abroad-2",
                NOW + 60_000,
                "\"caller\":\"" + OLD_CARD + "\",\"callee\":\"" + ABROAD + "\",\"duration_s\":0"));
    assertThat(json.readTree(through.body()).get("action").asString()).isNotEqualTo("hold");

    assertThat(
            operator
                .post(
                    "/api/v1/decide",
                    event(
                        "transfer",
                        "s-t1",
                        NOW,
                        "\"from\":\"6222020200112233446\","
                            + "\"to\":\"6217000010001234569\",\"amount\":\"10.00\""))
                .statusCode())
        .as("transfers are the banks'")
        .isEqualTo(403);
    assertThat(
            operator
                .post(
                    "/api/v1/events",
                    event(
                        "call",
                        "s-c-x",
                        NOW,
                        "\"caller\":\""
                            + NEW_CARD
                            + "\",\"callee\":\""
                            + FRIEND
                            + "\",\"duration_s\":5"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            new Api(port, "reviewer", "reviewer-pw")
                .get("/api/v1/subscribers/" + NEW_CARD + "/score")
                .statusCode())
        .isEqualTo(403);
    assertThat(operator.get("/api/v1/subscribers/+8613700000009/score").statusCode())
        .isEqualTo(404);
    assertThat(operator.get("/api/v1/subscribers/not-a-number/score").statusCode()).isEqualTo(400);

    HttpResponse<String> henanKey =
        admin.post(
            "/api/v1/api-keys",
            "{\"name\":\"henan operator\",\"roles\":" + "[\"OPERATOR\"],\"regions\":[\"41\"]}");
    Api henan = admin.withKey(json.readTree(henanKey.body()).get("key").asString());
    assertThat(henan.get("/api/v1/subscribers/" + NEW_CARD + "/score").statusCode())
        .as("a Zhejiang card")
        .isEqualTo(404);
  }

  /**
   * 一证五号 over HTTP with a card given up: a person with five cards who closes one is opened the
   * next; one who closes none is refused it.
   */
  @Test
  void aCardClosedThroughIntakeMakesRoomForTheNextOpening() throws Exception {
    Api admin = new Api(port, "admin", "admin-pw");
    String giver = "330106199204151232";
    String keeper = "11010519491231002X";
    StringBuilder events = new StringBuilder();
    for (String holder : List.of(giver, keeper)) {
      for (int i = 0; i < 5; i++) {
        events
            .append(
                event(
                    "opening",
                    "s-l-" + holder + "-" + i,
                    NOW - (6 - i) * 365 * DAY,
                    "\"kind\":\"sim\",\"account\":\""
                        + card(holder, i)
                        + "\",\"holder\":\""
                        + holder
                        + "\",\"channel\":\"branch\""))
            .append('\n');
      }
    }
    events.append(
        event(
            "closing",
            "s-l-x1",
            NOW - 30 * DAY,
            "\"kind\":\"sim\",\"account\":\""
                + card(giver, 2)
                + "\",\"holder\":\""
                + giver
                + "\""));
    HttpResponse<String> loaded = admin.post("/api/v1/events", events.toString());
    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
    assertThat(json.readTree(loaded.body()).path("accepted").asInt()).isEqualTo(11);

    for (String holder : List.of(giver, keeper)) {
      HttpResponse<String> sixth =
          admin.post(
              "/api/v1/decide",
              event(
                  "opening",
                  "s-l-" + holder + "-6",
                  NOW,
                  "\"kind\":\"sim\",\"account\":\""
                      + card(holder, 6)
                      + "\",\"holder\":\""
                      + holder
                      + "\",\"channel\":\"branch\""));
      assertThat(sixth.statusCode()).as(sixth.body()).isEqualTo(200);
      List<String> codes = new ArrayList<>();
      json.readTree(sixth.body())
          .path("reasons")
          .forEach(r -> codes.add(r.path("code").asString()));
      if (holder.equals(giver)) {
        assertThat(codes).as("four held after the closing").doesNotContain("HO_OVER_CARD_LIMIT");
      } else {
        assertThat(codes).as("five held").contains("HO_OVER_CARD_LIMIT");
      }
    }
  }

  /** The {@code i}th card of a holder: a number of its own per holder. */
  private static String card(String holder, int i) {
    return "+86170" + holder.substring(12, 16) + "000" + i;
  }
}
