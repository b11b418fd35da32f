package org.fanzha.flink;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.fanzha.core.codec.Rejection;
import org.fanzha.core.event.EventType;
import org.fanzha.engine.replay.Replay;
import org.fanzha.engine.replay.ReplaySummary;
import org.fanzha.flink.io.Output;
import org.fanzha.flink.keyed.KeyedJob;
import org.fanzha.flink.keyed.LocalFeedback;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./fanzha replay --runner flink}: runs the detection job over an events file on a local
 * Flink mini-cluster and writes the embedded replay's four files (EVENTS.md) from what the job
 * sends back: decisions in input order, warnings by time, entity risks as the last value per entity
 * (by key), and the summary from the job's counts and the refusals it reported.
 */
public final class FlinkReplay {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private FlinkReplay() {}

  /**
   * Runs the keyed job with {@code parallelism} slots and returns its summary.
   *
   * @throws Exception when the job fails or an output cannot be written
   */
  public static ReplaySummary run(Path events, Path outDir, JobSettings settings, int parallelism)
      throws Exception {
    return run(events, outDir, settings, parallelism, Plan.KEYED);
  }

  /**
   * Runs the job laid out as {@code plan} with {@code parallelism} slots and returns its summary.
   *
   * @throws Exception when the job fails or an output cannot be written
   */
  public static ReplaySummary run(
      Path events, Path outDir, JobSettings settings, int parallelism, Plan plan) throws Exception {
    if (!Files.isReadable(events)) {
      throw new IOException("cannot read " + events);
    }
    Files.createDirectories(outDir);
    long start = System.nanoTime();
    Configuration conf = new Configuration();
    conf.set(
        RestOptions.BIND_PORT,
        "0"); // any free port: a second replay, or a Flink on 8081, must not stop this one
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    String run = "replay-" + UUID.randomUUID();
    DataStream<Output> outputs =
        plan == Plan.KEYED
            ? KeyedJob.localReplay(env, events, settings, run)
            : DetectionJob.score(
                DetectionJob.validate(
                    DetectionJob.fileLines(env, events), settings, DetectionJob.VALIDATE_UID),
                settings);
    ReplayFiles written = new ReplayFiles(outDir, plan == Plan.SINGLE);
    try (written;
        CloseableIterator<Output> it =
            outputs.executeAndCollect("fanzha replay " + events.getFileName())) {
      while (it.hasNext()) {
        written.take(it.next());
      }
    } finally {
      LocalFeedback.close(run);
    }
    ReplaySummary summary = written.summary((System.nanoTime() - start) / 1_000_000);
    try (OutputStream out = Files.newOutputStream(outDir.resolve("summary.json"));
        JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      Replay.writeSummary(summary, g);
    }
    return summary;
  }

  /**
   * The replay's files as the job's outputs arrive: decisions in input order (the keyed job numbers
   * them; the single one sends them in order), warnings in the order raised when the job sends them
   * so or else by time, entities with the last value sent for each, in the order last sent.
   */
  private static final class ReplayFiles implements AutoCloseable {
    private final Path dir;
    private final OutputStream decisions;
    private final Long2ObjectOpenHashMap<Output> early = new Long2ObjectOpenHashMap<>();
    private long nextSeq;
    private long decisionsWritten;
    private final List<Warned> warnings = new ArrayList<>();
    private final Map<String, byte[]> entities = new LinkedHashMap<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private @Nullable JsonNode counts;

    private record Warned(String ts, String id, byte[] json) {}

    /** Whether the job sends warnings in the order they were raised. */
    private final boolean inOrder;

    ReplayFiles(Path dir, boolean inOrder) throws IOException {
      this.dir = dir;
      this.inOrder = inOrder;
      this.decisions = writer(dir.resolve("decisions.ndjson"));
    }

    void take(Output o) throws IOException {
      switch (o.kind) {
        case DECISION -> decision(o);
        case WARNING -> {
          JsonNode w = MAPPER.readTree(o.json);
          warnings.add(
              new Warned(
                  w.path("ts").asString(),
                  w.path("id").asString(),
                  Objects.requireNonNull(o.json)));
        }
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
        default -> {}
      }
    }

    private void decision(Output o) throws IOException {
      if (o.seq < 0) {
        write(o);
        return;
      }
      early.put(o.seq, o);
      for (Output next = early.remove(nextSeq); next != null; next = early.remove(nextSeq)) {
        nextSeq++;
        write(next);
      }
    }

    private void write(Output o) throws IOException {
      if (o.json != null) {
        line(decisions, o.json);
        decisionsWritten++;
      }
    }

    @Override
    public void close() throws IOException {
      decisions.close();
      if (!early.isEmpty()) {
        throw new IllegalStateException(
            early.size() + " decisions came without the ones before them");
      }
      if (!inOrder) {
        warnings.sort(Comparator.comparing(Warned::ts).thenComparing(Warned::id));
      }
      try (OutputStream out = writer(dir.resolve("warnings.ndjson"))) {
        for (Warned w : warnings) {
          line(out, w.json());
        }
      }
      try (OutputStream out = writer(dir.resolve("entities.ndjson"))) {
        for (byte[] json : entities.values()) {
          line(out, json);
        }
      }
    }

    ReplaySummary summary(long wallMs) {
      JsonNode c = counts;
      if (c == null) {
        throw new IllegalStateException("the job ended without its summary");
      }
      Map<EventType, Long> byType = new EnumMap<>(EventType.class);
      for (EventType t : EventType.values()) {
        byType.put(t, c.path("by_type").path(t.wireName()).asLong(0));
      }
      return new ReplaySummary(
          c.path("events_read").asLong(),
          c.path("accepted").asLong(),
          c.path("rejected").asLong(),
          rejections,
          c.path("duplicates").asLong(),
          byType,
          decisionsWritten,
          warnings.size(),
          entities.size(),
          wallMs);
    }
  }

  private static Rejection rejection(JsonNode r) {
    JsonNode id = r.path("event_id");
    return new Rejection(
        r.path("line").asLong(),
        id.isString() ? id.asString() : null,
        r.path("field").asString(),
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
