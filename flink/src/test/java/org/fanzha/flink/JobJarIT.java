package org.fanzha.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fanzha.engine.replay.Replay;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged job jar, started as {@code ./fanzha replay --runner flink} starts it (its own JVM,
 * its own mini-cluster, the keyed plan, the shipped rules and content model), writes what the
 * embedded replay writes: the same counts, the same entities held high with the same roles, the
 * same warnings but for a few.
 */
class JobJarIT {

  @Test
  void theJobJarReplaysAFileLikeTheEmbeddedRunner(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("city.ndjson");
    Simulator.writeFiles(SimConfig.of(53, 1500, 3), events);
    Replay.run(events, dir.resolve("embedded"), JobSettings.shipped().engineConfig());

    Path jar = Path.of("target", "fanzha-flink.jar").toAbsolutePath();
    assertThat(jar).exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "replay",
                "--runner",
                "flink",
                "--parallelism",
                "2",
                "--events",
                events.toString(),
                "--out",
                dir.resolve("flink").toString()));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log.txt").toFile())
            .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
    String log = Files.readString(dir.resolve("log.txt"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(log).isZero();
    assertThat(log).contains("flink runner, keyed plan, parallelism 2");
    assertThat(Files.readString(dir.resolve("flink").resolve("summary.json")))
        .contains("\"accepted\":" + Files.readAllLines(events).size());

    Map<String, String> high = KeyedReplayParityTest.high(dir.resolve("flink"));
    Map<String, String> theirHigh = KeyedReplayParityTest.high(dir.resolve("embedded"));
    Set<String> warnings = KeyedReplayParityTest.warnings(dir.resolve("flink"));
    Set<String> theirWarnings = KeyedReplayParityTest.warnings(dir.resolve("embedded"));
    assertThat(theirHigh).isNotEmpty();
    assertThat(theirWarnings).isNotEmpty();
    assertThat(
            KeyedReplayParityTest.only(high.keySet(), theirHigh.keySet()).size()
                + KeyedReplayParityTest.only(theirHigh.keySet(), high.keySet()).size())
        .isLessThanOrEqualTo(theirHigh.size() / 20 + 1);
    assertThat(
            KeyedReplayParityTest.only(warnings, theirWarnings).size()
                + KeyedReplayParityTest.only(theirWarnings, warnings).size())
        .isLessThanOrEqualTo(theirWarnings.size() / 20 + 1);
    high.forEach(
        (k, roles) -> {
          if (theirHigh.containsKey(k)) {
            assertThat(roles).as("roles of %s", k).isEqualTo(theirHigh.get(k));
          }
        });
  }
}
