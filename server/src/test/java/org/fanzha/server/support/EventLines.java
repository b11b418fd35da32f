package org.fanzha.server.support;

import org.fanzha.core.time.Timestamps;

/** Event lines as a sender writes them (EVENTS.md), for tests that post events over HTTP. */
public final class EventLines {

  private EventLines() {}

  /** Returns the line of an event of {@code type} at {@code ts}, with its own fields after. */
  public static String event(String type, String id, long ts, String fields) {
    return "{\"type\":\""
        + type
        + "\",\"id\":\""
        + id
        + "\",\"ts\":\""
        + Timestamps.format(ts)
        + "\","
        + fields
        + "}";
  }
}
