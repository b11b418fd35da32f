package org.fanzha.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.LabelEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {

  @TempDir Path dir;

  @Test
  void truthFileFor_replacesTheNdjsonSuffix() {
    assertThat(Simulator.truthFileFor(Path.of("/x/run.ndjson")))
        .isEqualTo(Path.of("/x/run.truth.ndjson"));
    assertThat(Simulator.truthFileFor(Path.of("run.json")))
        .isEqualTo(Path.of("run.json.truth.ndjson"));
  }

  @Test
  void writeFiles_writesEventsAndParsableLabelsWithMatchingCounts() throws IOException {
    SimConfig config = SimConfig.of(11, 600, 1);
    Path events = dir.resolve("sub/events.ndjson");
    SimulationSummary s = Simulator.writeFiles(config, events);

    List<String> lines = Files.readAllLines(events);
    assertThat((long) lines.size()).isEqualTo(s.events());
    assertThat(s.perType().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(s.events());
    assertThat(lines.stream().filter(l -> l.startsWith("{\"type\":\"call\"")).count())
        .isEqualTo(s.perType().get(EventType.CALL));
    assertThat(Files.readString(events)).endsWith("}\n");

    EventCodec codec = new EventCodec();
    List<String> labels = Files.readAllLines(s.truthFile());
    assertThat((long) labels.size()).isEqualTo(s.labels());
    World world = World.generate(config);
    for (int i = 0; i < labels.size(); i++) {
      ParseResult r = codec.parse(labels.get(i), i + 1);
      assertThat(r).isInstanceOf(ParseResult.Accepted.class);
      assertThat((LabelEvent) ((ParseResult.Accepted) r).event())
          .isEqualTo(world.truth().labels().get(i));
    }
    assertThat(s.describe()).contains("events/s");
  }
}
