package org.fanzha.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.replay.Replay;
import org.fanzha.engine.replay.ReplaySummary;
import org.fanzha.flink.keyed.KeyedJob;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Tactic;
import org.fanzha.sim.World;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code replay --runner flink} with the keyed job (decision 0023; requests back through the run's
 * in-JVM channel) against the embedded replay of the same adversarial world with bad lines and a
 * repeated event: the same counts and refusals; decisions in input order, all but a few the same;
 * the same entities held high with the same roles; the same warnings but for a few. What differs
 * comes from the network's ordering (a part of a later event reaching a key first, a request
 * landing after the next event's part instead of before it) and is printed.
 */
class KeyedReplayParityTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  @TempDir static Path dir;
  private static Path events;
  private static ReplaySummary embedded;
  private static final Map<String, Integer> place = new HashMap<>();

  @BeforeAll
  static void embeddedReplay() throws Exception {
    World world =
        World.generate(SimConfig.builder(31, 800, 2).tactics(Tactic.parse("all")).build());
    events = dir.resolve("w.ndjson");
    EventCodec codec = new EventCodec();
    try (BufferedWriter w = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
      world.forEachEvent(
          e -> {
            place.putIfAbsent(e.id(), place.size());
            try {
              w.write(codec.write(e));
              w.write('\n');
            } catch (IOException x) {
              throw new UncheckedIOException(x);
            }
          });
    }
    FlinkReplayParityTest.appendTroubles(events);
    embedded = Replay.run(events, dir.resolve("embedded"), EngineConfig.defaults());
  }

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 2})
  void theKeyedReplay_writesWhatTheEmbeddedReplayWrites(int parallelism) throws Exception {
    Path out = dir.resolve("keyed-" + parallelism);
    ReplaySummary keyed =
        FlinkReplay.run(events, out, new JobSettings(null, false), parallelism, Plan.KEYED);
    compare(parallelism, out, keyed);
  }

  /**
   * The stages whose state is kept per entity (decisions 0038, 0040, 0041) holding 4 keys at a time
   * in each task, of about 2,000 handsets, networks and cells, 832 holders and the city's numbers
   * and accounts: nearly every hop reads its key back from Flink's state, and a dealer's later
   * fraud links meet what its openings left. The run must be as close to the embedded one as with
   * room for all, and its handsets, networks and holders held exactly the embedded ones.
   */
  @Test
  void theKeyedReplay_withFewEntitiesHeld_writesWhatTheEmbeddedReplayWrites() throws Exception {
    Path out = dir.resolve("keyed-few-held");
    ReplaySummary keyed;
    System.setProperty(KeyedJob.ENTITIES_HELD, "4");
    try {
      keyed = FlinkReplay.run(events, out, new JobSettings(null, false), 2, Plan.KEYED);
    } finally {
      System.clearProperty(KeyedJob.ENTITIES_HELD);
    }
    compare(2, out, keyed);
    Map<String, String> theirNodes = nodes(dir.resolve("embedded"));
    assertThat(theirNodes).hasSizeGreaterThan(10);
    assertThat(nodes(out)).isEqualTo(theirNodes);
  }

  /** Every handset, network and holder holding a risk, with its score, roles and reasons. */
  private static Map<String, String> nodes(Path out) throws IOException {
    Map<String, String> nodes = new TreeMap<>();
    for (String line : Files.readAllLines(out.resolve("entities.ndjson"), StandardCharsets.UTF_8)) {
      JsonNode j = JSON.readTree(line);
      String kind = j.path("entity_kind").asString();
      if (kind.equals("device") || kind.equals("ip") || kind.equals("holder")) {
        List<String> reasons = new ArrayList<>();
        j.path("reasons").forEach(r -> reasons.add(r.path("code").asString()));
        nodes.put(
            kind + ":" + j.path("entity").asString(),
            j.path("score").asInt() + "|" + j.path("roles") + "|" + reasons);
      }
    }
    return nodes;
  }

  private static void compare(int parallelism, Path out, ReplaySummary keyed) throws IOException {

    assertThat(embedded.rejected()).isEqualTo(2);
    assertThat(embedded.duplicates()).isEqualTo(1);
    assertThat(keyed)
        .usingRecursiveComparison()
        .ignoringFields("wallMs", "decisions", "warnings", "entities")
        .isEqualTo(embedded);

    List<String> myDecisions = decisions(out);
    List<String> theirs = decisions(dir.resolve("embedded"));
    List<Integer> order =
        myDecisions.stream().map(d -> place.get(d.substring(0, d.indexOf('|')))).toList();
    assertThat(order).as("decisions in input order").isSorted().doesNotHaveDuplicates();
    Set<String> decisionsOnlyMine = only(myDecisions, theirs);
    Set<String> decisionsOnlyTheirs = only(theirs, myDecisions);

    Map<String, String> myHigh = high(out);
    Map<String, String> theirHigh = high(dir.resolve("embedded"));
    Set<String> myWarnings = warnings(out);
    Set<String> theirWarnings = warnings(dir.resolve("embedded"));
    System.out.printf(
        Locale.ROOT,
        "keyed replay at parallelism %d: high entities only here %s, only embedded %s;"
            + " warnings only here %s, only embedded %s; decisions only here %d, only embedded %d, of %d%n",
        parallelism,
        only(myHigh.keySet(), theirHigh.keySet()),
        only(theirHigh.keySet(), myHigh.keySet()),
        only(myWarnings, theirWarnings),
        only(theirWarnings, myWarnings),
        decisionsOnlyMine.size(),
        decisionsOnlyTheirs.size(),
        theirs.size());

    assertThat(theirHigh).hasSizeGreaterThan(10);
    assertThat(theirWarnings).hasSizeGreaterThan(3);
    assertThat(decisionsOnlyMine.size() + decisionsOnlyTheirs.size())
        .isLessThanOrEqualTo(theirs.size() / 20);
    assertThat(
            only(myHigh.keySet(), theirHigh.keySet()).size()
                + only(theirHigh.keySet(), myHigh.keySet()).size())
        .isLessThanOrEqualTo(theirHigh.size() / 20 + 1);
    assertThat(only(myWarnings, theirWarnings).size() + only(theirWarnings, myWarnings).size())
        .isLessThanOrEqualTo(theirWarnings.size() / 20 + 1);
    myHigh.forEach(
        (k, roles) -> {
          if (theirHigh.containsKey(k)) {
            assertThat(roles).as("roles of %s", k).isEqualTo(theirHigh.get(k));
          }
        });
  }

  /**
   * A file that ends before the requests' source has started (none, or a few lines): the run is
   * over by then, and the source must end rather than fail (it once failed the job: Flink asks a
   * new split for its first record without asking whether it has one).
   */
  @ParameterizedTest(name = "{0} lines")
  @ValueSource(ints = {0, 3})
  @Timeout(
      value = 120,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // Flink swallows interrupts
  void aShortFile_replaysAsTheEmbeddedReplayDoes(int lines) throws Exception {
    Path shortFile = dir.resolve("short-" + lines + ".ndjson");
    Files.write(shortFile, Files.readAllLines(events, StandardCharsets.UTF_8).subList(0, lines));
    ReplaySummary theirs =
        Replay.run(shortFile, dir.resolve("embedded-short-" + lines), EngineConfig.defaults());
    Path out = dir.resolve("keyed-short-" + lines);

    ReplaySummary keyed =
        FlinkReplay.run(shortFile, out, new JobSettings(null, false), 2, Plan.KEYED);

    assertThat(keyed.eventsRead()).isEqualTo(lines);
    assertThat(keyed).usingRecursiveComparison().ignoringFields("wallMs").isEqualTo(theirs);
    assertThat(decisions(out)).isEqualTo(decisions(dir.resolve("embedded-short-" + lines)));
  }

  /** Each decision as event id, entity, score and action. */
  private static List<String> decisions(Path out) throws IOException {
    List<String> all = new ArrayList<>();
    for (String line :
        Files.readAllLines(out.resolve("decisions.ndjson"), StandardCharsets.UTF_8)) {
      JsonNode j = JSON.readTree(line);
      all.add(
          j.path("event_id").asString()
              + "|"
              + j.path("entity_kind").asString()
              + ":"
              + j.path("entity").asString()
              + "|"
              + j.path("score").asInt()
              + "|"
              + j.path("action").asString());
    }
    return all;
  }

  /** The entities held at 70 or more, with their roles. */
  static Map<String, String> high(Path out) throws IOException {
    Map<String, String> high = new TreeMap<>();
    for (String line : Files.readAllLines(out.resolve("entities.ndjson"), StandardCharsets.UTF_8)) {
      JsonNode j = JSON.readTree(line);
      if (j.path("score").asInt() >= 70) {
        Set<String> roles = new TreeSet<>();
        j.path("roles").forEach(r -> roles.add(r.asString()));
        high.put(
            j.path("entity_kind").asString() + ":" + j.path("entity").asString(), roles.toString());
      }
    }
    return high;
  }

  static Set<String> warnings(Path out) throws IOException {
    Set<String> ids = new TreeSet<>();
    for (String line : Files.readAllLines(out.resolve("warnings.ndjson"), StandardCharsets.UTF_8)) {
      ids.add(JSON.readTree(line).path("id").asString());
    }
    return ids;
  }

  static Set<String> only(java.util.Collection<String> a, java.util.Collection<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }
}
