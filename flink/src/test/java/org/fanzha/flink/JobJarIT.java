package org.fanzha.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.replay.Replay;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged job jar, started as {@code ./fanzha replay --runner flink} starts it (its own JVM, its
 * own mini-cluster, the shipped rules and content model), writes the embedded replay's files.
 */
class JobJarIT {

  @Test
  void theJobJarReplaysAFileLikeTheEmbeddedRunner(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("city.ndjson");
    Simulator.writeFiles(SimConfig.of(53, 1500, 3), events);
    Replay.run(events, dir.resolve("embedded"), JobSettings.shipped().engineConfig());

    Path jar = Path.of("target", "fanzha-flink.jar").toAbsolutePath();
    assertThat(jar).exists();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-jar", jar.toString(), "replay", "--runner", "flink", "--parallelism", "2",
        "--events", events.toString(), "--out", dir.resolve("flink").toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile())
        .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
    String log = Files.readString(dir.resolve("log.txt"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(log).isZero();
    assertThat(log).contains("flink runner, parallelism 2");

    for (String file : List.of("decisions.ndjson", "warnings.ndjson", "entities.ndjson")) {
      List<String> expected = Files.readAllLines(dir.resolve("embedded").resolve(file), StandardCharsets.UTF_8);
      assertThat(expected).as(file).isNotEmpty();
      assertThat(Files.readAllLines(dir.resolve("flink").resolve(file), StandardCharsets.UTF_8)).as(file)
          .containsExactlyElementsOf(expected);
    }
  }
}
