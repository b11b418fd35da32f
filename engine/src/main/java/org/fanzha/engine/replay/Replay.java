package org.fanzha.engine.replay;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.NdjsonLines;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.codec.Rejection;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.core.time.EventTimeWindow;
import org.fanzha.core.time.Millis;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.Warning;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Replays an NDJSON events file through a fresh engine, in file order, and writes {@code
 * decisions.ndjson}, {@code entities.ndjson}, {@code warnings.ndjson} and {@code summary.json} into
 * an output folder (EVENTS.md). Bad lines are counted and listed, and the rest processed; an event
 * id seen before is skipped (processed once). Duplicates are recognised by {@link EventIds#hash}.
 */
public final class Replay {

  /** How many rejections the summary lists in full; the count is always exact. */
  public static final int MAX_REJECTIONS_LISTED = 1000;

  private static final int BATCH = 1024;
  private static final int QUEUED_BATCHES = 64;

  /** Marks the end of the input in the queue (compared by identity). */
  private static final List<ParseResult> END = new ArrayList<>(0);

  private static final JsonFactory JSON = JsonFactory.builder().rootValueSeparator("").build();

  private Replay() {}

  /**
   * Runs the replay and returns its summary.
   *
   * @throws IOException when the input cannot be read or the output written
   */
  public static ReplaySummary run(Path eventsFile, Path outDir, EngineConfig cfg)
      throws IOException {
    Files.createDirectories(outDir);
    long start = System.nanoTime();
    Engine engine = new Engine(cfg);
    // A recorded file may be old, but nothing in it happened after today: a date in the future is a
    // sender's error
    // and would otherwise move the engine's clock for every event after it.
    EventCodec codec =
        new EventCodec(
            EventTimeWindow.between(
                EventTimeWindow.EARLIEST, System.currentTimeMillis() + Millis.DAY));
    LongOpenHashSet seen = new LongOpenHashSet();
    long[] counts = new long[6]; // read, accepted, rejected, duplicates, decisions, warnings
    List<Rejection> rejections = new ArrayList<>();
    // Two stages on two threads: a reader splits and parses lines (the codec is thread-safe) while
    // this thread
    // deduplicates, scores and writes, in file order. On the 2-core machine this overlaps the ~40%
    // of the time spent
    // parsing with scoring.
    BlockingQueue<List<ParseResult>> parsed = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    AtomicReference<Throwable> readFailure = new AtomicReference<>();
    Thread reader =
        new Thread(() -> readAll(eventsFile, codec, parsed, readFailure), "fanzha-replay-reader");
    reader.setDaemon(true);
    reader.start();
    try (OutputStream decOut =
            new BufferedOutputStream(
                Files.newOutputStream(outDir.resolve("decisions.ndjson")), 1 << 16);
        OutputStream warnOut =
            new BufferedOutputStream(
                Files.newOutputStream(outDir.resolve("warnings.ndjson")), 1 << 16);
        JsonGenerator dec = JSON.createGenerator(ObjectWriteContext.empty(), decOut);
        JsonGenerator warn = JSON.createGenerator(ObjectWriteContext.empty(), warnOut)) {
      for (List<ParseResult> batch = take(parsed); batch != END; batch = take(parsed)) {
        for (ParseResult r : batch) {
          counts[0]++;
          if (r instanceof ParseResult.Rejected rej) {
            counts[2]++;
            if (rejections.size() < MAX_REJECTIONS_LISTED) {
              rejections.add(rej.rejection());
            }
            continue;
          }
          Event e = ((ParseResult.Accepted) r).event();
          if (!seen.add(EventIds.hash(e.id()))) {
            counts[3]++;
            continue;
          }
          counts[1]++;
          Decision d = engine.process(e);
          if (!d.isNone()) {
            counts[4]++;
            OutputJson.write(d, dec);
            dec.writeRaw('\n');
          }
          for (Warning w : engine.drainWarnings()) {
            counts[5]++;
            OutputJson.write(w, warn);
            warn.writeRaw('\n');
          }
        }
      }
    } finally {
      reader.interrupt(); // stops a reader blocked on a full queue when this side failed
    }
    Throwable failure = readFailure.get();
    if (failure instanceof IOException io) {
      throw io;
    } else if (failure != null) {
      throw new IllegalStateException("reading " + eventsFile + " failed", failure);
    }
    long[] entities = {0};
    try (OutputStream entOut =
            new BufferedOutputStream(
                Files.newOutputStream(outDir.resolve("entities.ndjson")), 1 << 16);
        JsonGenerator ent = JSON.createGenerator(ObjectWriteContext.empty(), entOut)) {
      engine.forEachRisk(
          r -> {
            entities[0]++;
            OutputJson.write(r, ent);
            ent.writeRaw('\n');
          });
    }
    Map<EventType, Long> byType = new EnumMap<>(EventType.class);
    engine.stats().eventsByType().forEach(byType::put);
    long wallMs = (System.nanoTime() - start) / 1_000_000;
    ReplaySummary s =
        new ReplaySummary(
            counts[0],
            counts[1],
            counts[2],
            rejections,
            counts[3],
            byType,
            counts[4],
            counts[5],
            entities[0],
            wallMs);
    try (OutputStream out = Files.newOutputStream(outDir.resolve("summary.json"));
        JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      writeSummary(s, g);
    }
    return s;
  }

  /**
   * Writes {@code events_read, accepted, rejected, rejections[{line, event_id, field, reason}],
   * duplicates, by_type{type: n}, decisions, warnings, entities, wall_ms, events_per_s}.
   */
  public static void writeSummary(ReplaySummary s, JsonGenerator g) {
    g.writeStartObject();
    g.writeNumberProperty("events_read", s.eventsRead());
    g.writeNumberProperty("accepted", s.accepted());
    g.writeNumberProperty("rejected", s.rejected());
    g.writeArrayPropertyStart("rejections");
    for (Rejection r : s.rejections()) {
      g.writeStartObject();
      g.writeNumberProperty("line", r.line());
      g.writeStringProperty("event_id", r.eventId());
      g.writeStringProperty("field", r.field());
      g.writeStringProperty("reason", r.reason());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberProperty("duplicates", s.duplicates());
    g.writeName("by_type");
    g.writeStartObject();
    for (EventType t : EventType.values()) {
      g.writeNumberProperty(t.wireName(), s.byType().getOrDefault(t, 0L));
    }
    g.writeEndObject();
    g.writeNumberProperty("decisions", s.decisions());
    g.writeNumberProperty("warnings", s.warnings());
    g.writeNumberProperty("entities", s.entities());
    g.writeNumberProperty("wall_ms", s.wallMs());
    g.writeNumberProperty("events_per_s", Math.round(s.eventsPerSecond()));
    g.writeEndObject();
  }

  /**
   * Reads and parses the whole file into batches, then queues {@link #END}; a failure is kept for
   * the caller.
   */
  private static void readAll(
      Path file,
      EventCodec codec,
      BlockingQueue<List<ParseResult>> out,
      AtomicReference<Throwable> failure) {
    List<List<ParseResult>> current = new ArrayList<>(1);
    current.add(new ArrayList<>(BATCH));
    try {
      try (InputStream in = Files.newInputStream(file)) {
        NdjsonLines.forEach(
            in,
            (buf, off, len, line) -> {
              List<ParseResult> batch = current.get(0);
              batch.add(codec.parse(buf, off, len, line));
              if (batch.size() == BATCH) {
                put(out, batch);
                current.set(0, new ArrayList<>(BATCH));
              }
            });
      }
      put(out, current.get(0));
    } catch (IOException | RuntimeException e) {
      failure.set(e);
    } finally {
      if (!Thread.currentThread().isInterrupted()) {
        put(out, END);
      }
    }
  }

  private static void put(BlockingQueue<List<ParseResult>> queue, List<ParseResult> batch) {
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("replay stopped");
    }
  }

  private static List<ParseResult> take(BlockingQueue<List<ParseResult>> queue) throws IOException {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("replay interrupted");
    }
  }
}
