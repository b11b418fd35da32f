package org.fanzha.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.event.EventType;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class ReplayTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  /** A SIM farm, a hook call, a payment to a mule chain, plus a bad line and a duplicate. */
  private Path eventsFile() throws IOException {
    Scenario s = new Scenario(new Engine(EngineConfig.defaults().with("pairs.log2_bits", 12)));
    s.simFarmCalls(100, 4, 30, Scenario.T0);
    String f = Scenario.phone(900);
    for (int k = 0; k < 3; k++) {
      s.report(
          Scenario.T0 + k * Scenario.MINUTE,
          Scenario.phone(60_000 + k),
          org.fanzha.core.event.TargetKind.PHONE,
          f,
          org.fanzha.core.event.FraudType.POLICE,
          0);
    }
    s.victimReceivesCall(Scenario.T0 + Scenario.HOUR, f, Scenario.phone(901), 1500);
    s.transfer(
        Scenario.T0 + 90 * Scenario.MINUTE,
        Scenario.account(901),
        Scenario.account(1),
        50_000,
        Scenario.phone(901));
    s.transfer(
        Scenario.T0 + 95 * Scenario.MINUTE, Scenario.account(1), Scenario.account(2), 49_000, null);
    List<org.fanzha.core.event.Event> events = s.events();
    EventCodec codec = new EventCodec();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < events.size(); i++) {
      sb.append(codec.write(events.get(i))).append('\n');
      if (i == 3) {
        sb.append(
            "{\"type\":\"call\",\"id\":\"bad1\",\"ts\":\"2026-11-27T09:00:00+08:00\",\"caller\":\"12\"}\n");
        sb.append(codec.write(events.get(i))).append('\n'); // duplicate id
        sb.append("\n");
      }
    }
    Path p = dir.resolve("events.ndjson");
    Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
    return p;
  }

  private static List<JsonNode> lines(Path p) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
      assertThat(line).as("one object per line, no padding").startsWith("{").endsWith("}");
      out.add(JSON.readTree(line));
    }
    return out;
  }

  @Test
  void run_writesTheFourFilesOfTheContract() throws IOException {
    Path events = eventsFile();
    Path out = dir.resolve("out");
    ReplaySummary summary =
        Replay.run(events, out, EngineConfig.defaults().with("pairs.log2_bits", 16));

    assertThat(summary.rejected()).isEqualTo(1);
    assertThat(summary.duplicates()).isEqualTo(1);
    assertThat(summary.rejections().get(0).eventId()).isEqualTo("bad1");
    assertThat(summary.eventsRead())
        .isEqualTo(summary.accepted() + summary.rejected() + summary.duplicates());
    assertThat(summary.byType().get(EventType.CALL)).isEqualTo(4 * 30 + 1);

    List<JsonNode> decisions = lines(out.resolve("decisions.ndjson"));
    assertThat(decisions).hasSize((int) summary.decisions()).isNotEmpty();
    for (JsonNode d : decisions) {
      assertThat(d.propertyNames())
          .containsExactly(
              "event_id", "entity_kind", "entity", "score", "level", "action", "reasons");
      assertThat(d.get("score").asInt()).isBetween(1, 100);
      assertThat(d.get("level").asString()).isIn("low", "medium", "high", "critical");
      assertThat(d.get("action").asString()).isIn("allow", "warn", "delay", "hold");
      for (JsonNode r : d.get("reasons")) {
        assertThat(r.propertyNames()).containsExactly("code", "text_zh", "text_en");
      }
    }

    List<JsonNode> entities = lines(out.resolve("entities.ndjson"));
    assertThat(entities).hasSize((int) summary.entities());
    JsonNode farmNumber =
        entities.stream()
            .filter(e -> e.get("entity").asString().equals(Scenario.phone(100)))
            .findFirst()
            .orElseThrow();
    assertThat(farmNumber.propertyNames())
        .containsExactly("entity_kind", "entity", "score", "level", "roles", "reasons");
    assertThat(farmNumber.get("entity_kind").asString()).isEqualTo("phone");
    assertThat(farmNumber.get("roles").get(0).asString()).isEqualTo("fraud_number");

    List<JsonNode> warnings = lines(out.resolve("warnings.ndjson"));
    assertThat(warnings).hasSize((int) summary.warnings()).isNotEmpty();
    JsonNode w = warnings.get(warnings.size() - 1);
    assertThat(w.propertyNames())
        .containsExactly(
            "id",
            "ts",
            "victim_phone",
            "victim_account",
            "severity",
            "fraud_type",
            "evidence",
            "episode",
            "contact");
    assertThat(w.get("ts").asString()).endsWith("+08:00");
    assertThat(w.get("victim_phone").asString()).isEqualTo(Scenario.phone(901));
    assertThat(w.get("fraud_type").asString()).isEqualTo("police");
    assertThat(w.get("evidence").size()).isGreaterThanOrEqualTo(2);
    assertThat(w.get("episode").asString())
        .as("the episode opened by the evidence's first event")
        .isEqualTo("E-" + w.get("evidence").get(0).asString());
    assertThat(w.get("contact").isNull()).as("the suspected number is named").isFalse();

    JsonNode s = JSON.readTree(Files.readString(out.resolve("summary.json")));
    assertThat(s.get("events_read").asLong()).isEqualTo(summary.eventsRead());
    assertThat(s.get("rejected").asLong()).isEqualTo(1);
    JsonNode rej = s.get("rejections").get(0);
    assertThat(rej.get("line").asLong()).isEqualTo(5);
    assertThat(rej.get("field").asString()).isNotBlank();
    assertThat(rej.get("reason").asString()).isNotBlank();
    assertThat(s.get("by_type").get("call").asLong()).isEqualTo(121);
    assertThat(s.has("wall_ms")).isTrue();
    assertThat(s.has("events_per_s")).isTrue();
  }

  @Test
  void run_aFileWithTimesBeyondTodayOrAnyTime_refusesThoseLinesAndScoresTheRest()
      throws IOException {
    String good =
        "{\"type\":\"call\",\"id\":\"g%d\",\"ts\":\"2026-11-27T09:0%d:00+08:00\",\"caller\":\"13900000001\","
            + "\"callee\":\"13900000002\",\"duration_s\":30}\n";
    String body =
        String.format(good, 1, 1)
            + "{\"type\":\"call\",\"id\":\"b1\",\"ts\":\"+999999999-12-31T23:59:59Z\",\"caller\":\"13900000001\",\"callee\":\"13900000002\",\"duration_s\":30}\n"
            + "{\"type\":\"call\",\"id\":\"b2\",\"ts\":\"2099-01-01T00:00:00+08:00\",\"caller\":\"13900000001\",\"callee\":\"13900000002\",\"duration_s\":30}\n"
            + String.format(good, 2, 2);
    Path events = dir.resolve("times.ndjson");
    Files.writeString(events, body, StandardCharsets.UTF_8);

    ReplaySummary s =
        Replay.run(
            events, dir.resolve("times-out"), EngineConfig.defaults().with("pairs.log2_bits", 12));

    assertThat(s.accepted()).isEqualTo(2);
    assertThat(s.rejected()).isEqualTo(2);
    assertThat(s.rejections())
        .extracting(r -> r.eventId() + ":" + r.field())
        .containsExactly("b1:ts", "b2:ts");
    assertThat(Files.exists(dir.resolve("times-out").resolve("summary.json"))).isTrue();
  }
}
