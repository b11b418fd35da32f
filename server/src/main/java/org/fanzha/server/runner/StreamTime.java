package org.fanzha.server.runner;

import java.time.Clock;
import org.fanzha.core.event.Event;
import org.fanzha.store.Database;
import org.fanzha.store.JournalEntry;

/**
 * The event time of the stream now: the time of the newest journaled event, or the wall clock
 * before there is one. What the server itself adds to the stream (a list entry, a public report) is
 * stamped with it, so it falls between the events around it also when the stream is a recorded or
 * simulated one whose time is not the wall clock.
 */
public final class StreamTime {

  private StreamTime() {}

  /** Returns the stream's time now, in epoch milliseconds. */
  public static long now(Database db, Clock clock) {
    return db.journal().latest().map(JournalEntry::event).map(Event::ts).orElseGet(clock::millis);
  }
}
