package org.fanzha.sim;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.LabelEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

/** Writes a world's events and its ground truth as NDJSON files in the EVENTS.md contract. */
public final class Simulator {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * One generator for the whole file, separating root objects by a newline (not Jackson's space).
   */
  private static final ObjectWriteContext NDJSON =
      new ObjectWriteContext.Base() {
        private final SerializedString newline = new SerializedString("\n");

        @Override
        public SerializableString getRootValueSeparator(SerializableString defaultSeparator) {
          return newline;
        }
      };

  private Simulator() {}

  /**
   * Generates the world of {@code config} and writes its events (time order) to {@code eventsOut},
   * its labels to {@link #truthFileFor(Path)} and its gang ids to {@link #gangsFileFor(Path)};
   * parent directories are created. Returns counts per type, the events and truth paths and the
   * wall time.
   */
  public static SimulationSummary writeFiles(SimConfig config, Path eventsOut) throws IOException {
    long t0 = System.nanoTime();
    World world = World.generate(config);
    Path truthOut = truthFileFor(eventsOut);
    Path parent = eventsOut.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    long[] perType = new long[EventType.values().length];
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(eventsOut), 1 << 20)) {
      writeNdjson(
          out,
          sink ->
              world.forEachEvent(
                  e -> {
                    perType[e.type().ordinal()]++;
                    sink.write(e);
                  }));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(truthOut), 1 << 16)) {
      writeNdjson(
          out,
          sink -> {
            for (LabelEvent l : world.truth().labels()) {
              sink.write(l);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    writeGangs(world.gangs(), gangsFileFor(eventsOut));
    Map<EventType, Long> counts = new EnumMap<>(EventType.class);
    long total = 0;
    for (EventType t : EventType.values()) {
      if (perType[t.ordinal()] > 0) {
        counts.put(t, perType[t.ordinal()]);
        total += perType[t.ordinal()];
      }
    }
    long wall = (System.nanoTime() - t0) / 1_000_000;
    return new SimulationSummary(
        eventsOut, truthOut, total, counts, world.truth().labels().size(), wall);
  }

  /** Returns the truth file beside an events file: {@code x.ndjson} → {@code x.truth.ndjson}. */
  public static Path truthFileFor(Path eventsFile) {
    return beside(eventsFile, ".truth.ndjson");
  }

  /**
   * Returns the gangs file beside an events file: {@code x.ndjson} → {@code x.gangs.ndjson}, one
   * {@code {"entity_kind", "entity", "gang"}} line for each entity a simulated gang owns ({@link
   * World#gangs()}).
   */
  public static Path gangsFileFor(Path eventsFile) {
    return beside(eventsFile, ".gangs.ndjson");
  }

  private static Path beside(Path eventsFile, String suffix) {
    String name = eventsFile.getFileName().toString();
    String stem =
        name.endsWith(".ndjson") ? name.substring(0, name.length() - ".ndjson".length()) : name;
    return eventsFile.resolveSibling(stem + suffix);
  }

  private static void writeGangs(Map<String, Integer> gangs, Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        JsonGenerator g = JSON.createGenerator(NDJSON, out)) {
      for (Map.Entry<String, Integer> e : gangs.entrySet()) {
        int colon = e.getKey().indexOf(':');
        g.writeStartObject();
        g.writeStringProperty("entity_kind", e.getKey().substring(0, colon));
        g.writeStringProperty("entity", e.getKey().substring(colon + 1));
        g.writeNumberProperty("gang", e.getValue());
        g.writeEndObject();
      }
      if (!gangs.isEmpty()) {
        g.writeRaw('\n');
      }
    } catch (JacksonException e) {
      throw new IOException("gangs file " + file + " not written: " + e.getMessage(), e);
    }
  }

  /** Receives events to write. */
  interface EventSink {
    void write(Event e);
  }

  /** Writes the events produced by {@code body} as NDJSON (one object per line, final newline). */
  static void writeNdjson(OutputStream out, java.util.function.Consumer<EventSink> body)
      throws IOException {
    boolean[] any = new boolean[1];
    try (JsonGenerator g = JSON.createGenerator(NDJSON, out)) {
      body.accept(
          e -> {
            EventCodec.write(e, g);
            any[0] = true;
          });
      if (any[0]) {
        g.writeRaw('\n');
      }
    } catch (JacksonException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
  }
}
