package org.fanzha.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.engine.EngineConfig;
import org.fanzha.sim.GroundTruth;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import org.fanzha.sim.eval.RoleScore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays a small simulated world (3,000 people, 4 days, a seed the rules were not tuned on, with
 * the simulator's hard negatives: payroll agencies, shops settling takings, movers, benign screen
 * shares, hook numbers bought outside the dealers …) from its NDJSON file, exactly as {@code
 * replay} would, and scores {@code entities.ndjson} against the simulator's ground truth. Predicted
 * = level high or critical with the role among the roles. The floors are the targets
 * (precision ≥ 0.90, recall ≥ 0.85); the engine reaches fraud numbers 1.00 / 0.92, mules 1.00 /
 * 1.00, dealers 1.00 / 1.00 here and accuses none of the ~270 honest look-alikes, so a regression,
 * not noise, fails the test.
 */
class ReplayOnSimulatedWorldTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  @TempDir static Path dir;
  private static GroundTruth truth;
  private static Map<String, Set<String>> honest;
  private static List<JsonNode> entities;
  private static ReplaySummary summary;

  @BeforeAll
  static void replay() throws IOException {
    World world = World.generate(SimConfig.of(7, 3000, 4));
    truth = world.truth();
    honest = world.normalActors();
    Path events = dir.resolve("events.ndjson");
    EventCodec codec = new EventCodec();
    try (BufferedWriter w = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
      world.forEachEvent(
          e -> {
            try {
              w.write(codec.write(e));
              w.write('\n');
            } catch (IOException x) {
              throw new UncheckedIOException(x);
            }
          });
    }
    summary = Replay.run(events, dir.resolve("out"), EngineConfig.defaults());
    entities =
        Files.readAllLines(dir.resolve("out/entities.ndjson")).stream()
            .map(JSON::readTree)
            .toList();
  }

  private static RoleScore score(Role role, EntityKind... kinds) {
    Set<String> predicted = new HashSet<>();
    Set<String> actual = new HashSet<>();
    for (JsonNode e : entities) {
      String level = e.get("level").asString();
      boolean high = level.equals("high") || level.equals("critical");
      boolean hasRole = false;
      for (JsonNode r : e.get("roles")) {
        hasRole |= r.asString().equals(role.wireName());
      }
      String kind = e.get("entity_kind").asString();
      for (EntityKind k : kinds) {
        if (high && hasRole && k.wireName().equals(kind)) {
          predicted.add(kind + ":" + e.get("entity").asString());
        }
      }
    }
    for (EntityKind k : kinds) {
      for (String t : truth.entities(k, role)) {
        actual.add(k.wireName() + ":" + t);
      }
    }
    return RoleScore.of(predicted, actual);
  }

  @Test
  void replay_processesTheWholeWorldWithoutRejections() {
    assertThat(summary.rejected()).isZero();
    assertThat(summary.accepted()).isGreaterThan(100_000);
  }

  @Test
  void replay_findsFraudNumbers() {
    RoleScore s = score(Role.FRAUD_NUMBER, EntityKind.PHONE);
    assertThat(s.precision()).isGreaterThanOrEqualTo(0.90);
    assertThat(s.recall()).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void replay_findsMules() {
    RoleScore s = score(Role.MULE, EntityKind.ACCOUNT);
    assertThat(s.precision()).isGreaterThanOrEqualTo(0.90);
    assertThat(s.recall()).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void replay_findsCardDealers() {
    RoleScore s = score(Role.CARD_DEALER, EntityKind.HOLDER, EntityKind.DEVICE);
    assertThat(s.precision()).isGreaterThanOrEqualTo(0.90);
    assertThat(s.recall()).isGreaterThanOrEqualTo(0.85);
  }

  private static boolean high(JsonNode e) {
    return e.get("level").asString().equals("high") || e.get("level").asString().equals("critical");
  }

  private static String key(JsonNode e) {
    return e.get("entity_kind").asString() + ":" + e.get("entity").asString();
  }

  @Test
  void replay_flagsNoBenignHeavyCallerHigh() {
    Set<String> heavy = new HashSet<>(honest.get("heavy_caller"));
    heavy.addAll(honest.get("night_shift"));
    long flagged = entities.stream().filter(e -> heavy.contains(key(e)) && high(e)).count();
    assertThat(heavy).hasSizeGreaterThan(30);
    assertThat(flagged).isZero();
  }

  @Test
  void replay_accusesAtMostOnePercentOfHonestLookAlikes() {
    Set<String> lookAlikes = new HashSet<>();
    honest.forEach((group, members) -> lookAlikes.addAll(members));
    Set<String> fraudSide =
        Set.of(Role.FRAUD_NUMBER.wireName(), Role.MULE.wireName(), Role.CARD_DEALER.wireName());
    long accused =
        entities.stream()
            .filter(e -> lookAlikes.contains(key(e)) && high(e))
            .filter(
                e -> {
                  for (JsonNode r : e.get("roles")) {
                    if (fraudSide.contains(r.asString())) {
                      return true;
                    }
                  }
                  return false;
                })
            .count();
    assertThat(honest.get("merchant")).isNotEmpty();
    assertThat(honest.get("payroll")).isNotEmpty();
    assertThat(accused).isLessThanOrEqualTo(lookAlikes.size() / 100);
  }
}
