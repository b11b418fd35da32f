package org.fanzha.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.Event;

/** Test vocabulary: a small, fast world and its materialised events and NDJSON bytes. */
final class SmallWorld {

  static final SimConfig CONFIG =
      SimConfig.builder(42, 3000, 3).victimsPerDay(8).simFarms(2).build();

  private static World world;
  private static List<Event> events;

  private SmallWorld() {}

  static synchronized World world() {
    if (world == null) {
      world = World.generate(CONFIG);
    }
    return world;
  }

  static synchronized List<Event> events() {
    if (events == null) {
      List<Event> all = new ArrayList<>();
      world().forEachEvent(all::add);
      events = List.copyOf(all);
    }
    return events;
  }

  /** Returns the NDJSON the simulator writes for a config. */
  static byte[] ndjson(SimConfig config) {
    World w = World.generate(config);
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    try {
      Simulator.writeNdjson(out, sink -> w.forEachEvent(sink::write));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
