package org.fanzha.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.replay.Replay;
import org.fanzha.engine.replay.ReplaySummary;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Simulator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Flink runner's replay writes what the embedded replay writes for the same file: the same
 * decisions and warnings in the same order, the same entity risks, the same counts and refusals, at
 * parallelism 1 and 2, on simulated cities of seeds the rules were not tuned on, with bad lines and
 * repeated events mixed in.
 */
class FlinkReplayParityTest {

  @ParameterizedTest(name = "seed {0}, parallelism {1}")
  @CsvSource({"23, 1", "23, 2", "31, 2"})
  void flinkReplayWritesTheEmbeddedReplaysFiles(long seed, int parallelism, @TempDir Path dir)
      throws Exception {
    Path events = dir.resolve("city.ndjson");
    Simulator.writeFiles(SimConfig.of(seed, 1500, 3), events);
    appendTroubles(events);

    ReplaySummary embedded = Replay.run(events, dir.resolve("embedded"), EngineConfig.defaults());
    ReplaySummary flink =
        FlinkReplay.run(
            events, dir.resolve("flink"), new JobSettings(null, false), parallelism, Plan.SINGLE);

    assertThat(embedded.warnings()).as("a city with victims raises warnings").isPositive();
    assertThat(embedded.entities()).isPositive();
    assertThat(embedded.rejected()).isEqualTo(2);
    assertThat(embedded.duplicates()).isEqualTo(1);
    for (String file : List.of("decisions.ndjson", "warnings.ndjson", "entities.ndjson")) {
      assertThat(lines(dir.resolve("flink").resolve(file)))
          .as(file)
          .containsExactlyElementsOf(lines(dir.resolve("embedded").resolve(file)));
    }
    assertThat(flink).usingRecursiveComparison().ignoringFields("wallMs").isEqualTo(embedded);
  }

  /** Two refusals (bad JSON; a missing field), a blank line (counted), and one event sent again. */
  static void appendTroubles(Path events) throws IOException {
    List<String> lines = Files.readAllLines(events, StandardCharsets.UTF_8);
    String again = lines.get(lines.size() / 2);
    String troubles = "{\"id\": broken\n\n{\"id\":\"x-1\",\"type\":\"call\"}\n" + again + "\n";
    Files.writeString(events, troubles, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }
}
