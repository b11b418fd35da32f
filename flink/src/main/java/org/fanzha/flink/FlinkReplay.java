package org.fanzha.flink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.fanzha.core.codec.Rejection;
import org.fanzha.core.event.EventType;
import org.fanzha.engine.replay.Replay;
import org.fanzha.engine.replay.ReplaySummary;
import org.fanzha.flink.io.Output;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./fanzha replay --runner flink}: runs the detection job over an events file on a local
 * Flink mini-cluster and writes the embedded replay's four files (EVENTS.md) from what the job sends
 * back: decisions and warnings in the order scored, entity risks as the last value per entity, and
 * the summary from the job's counts and the refusals it reported.
 */
public final class FlinkReplay {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private FlinkReplay() {}

  /**
   * Runs the job with {@code parallelism} slots and returns its summary.
   *
   * @throws Exception when the job fails or an output cannot be written
   */
  public static ReplaySummary run(Path events, Path outDir, JobSettings settings, int parallelism) throws Exception {
    if (!Files.isReadable(events)) {
      throw new IOException("cannot read " + events);
    }
    Files.createDirectories(outDir);
    long start = System.nanoTime();
    Configuration conf = new Configuration();
    conf.set(RestOptions.BIND_PORT, "0"); // any free port: a second replay, or a Flink on 8081, must not stop this one
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    DetectionJob.configure(env);
    var outputs = DetectionJob.score(DetectionJob.validate(DetectionJob.fileLines(env, events), settings,
        DetectionJob.VALIDATE_UID), settings);

    Map<String, byte[]> entities = new LinkedHashMap<>();
    List<Rejection> rejections = new ArrayList<>();
    JsonNode counts = null;
    try (OutputStream decisions = writer(outDir.resolve("decisions.ndjson"));
        OutputStream warnings = writer(outDir.resolve("warnings.ndjson"));
        CloseableIterator<Output> it = outputs.executeAndCollect("fanzha replay " + events.getFileName())) {
      while (it.hasNext()) {
        Output o = it.next();
        switch (o.kind) {
          case DECISION -> line(decisions, o.json);
          case WARNING -> line(warnings, o.json);
          case ENTITY -> {
            entities.remove(o.key); // re-put: the file lists entities in the order last sent
            if (o.json != null) {
              entities.put(o.key, o.json);
            }
          }
          case REJECTION -> {
            if (rejections.size() < Replay.MAX_REJECTIONS_LISTED) {
              rejections.add(rejection(MAPPER.readTree(o.json)));
            }
          }
          case SUMMARY -> counts = MAPPER.readTree(o.json);
        }
      }
    }
    if (counts == null) {
      throw new IllegalStateException("the job ended without its summary");
    }
    try (OutputStream out = writer(outDir.resolve("entities.ndjson"))) {
      for (byte[] json : entities.values()) {
        line(out, json);
      }
    }
    ReplaySummary summary = summary(counts, rejections, entities.size(), (System.nanoTime() - start) / 1_000_000);
    try (OutputStream out = Files.newOutputStream(outDir.resolve("summary.json"));
        JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      Replay.writeSummary(summary, g);
    }
    return summary;
  }

  private static ReplaySummary summary(JsonNode c, List<Rejection> rejections, long entities, long wallMs) {
    Map<EventType, Long> byType = new EnumMap<>(EventType.class);
    for (EventType t : EventType.values()) {
      byType.put(t, c.path("by_type").path(t.wireName()).asLong(0));
    }
    return new ReplaySummary(c.path("events_read").asLong(), c.path("accepted").asLong(), c.path("rejected").asLong(),
        rejections, c.path("duplicates").asLong(), byType, c.path("decisions").asLong(), c.path("warnings").asLong(),
        entities, wallMs);
  }

  private static Rejection rejection(JsonNode r) {
    JsonNode id = r.path("event_id");
    return new Rejection(r.path("line").asLong(), id.isString() ? id.asString() : null, r.path("field").asString(),
        r.path("reason").asString());
  }

  private static OutputStream writer(Path file) throws IOException {
    return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
  }

  private static void line(OutputStream out, byte[] json) throws IOException {
    out.write(json);
    out.write('\n');
  }
}
