package org.fanzha.server.runner;

import java.util.EnumSet;
import java.util.Set;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;

/**
 * Receives every journaled event in journal order, on the engine thread: at start the whole journal
 * (from sequence 1, whatever snapshot the engine recovers from), then each newly accepted event
 * right after the engine has processed it. A listener that keeps state in memory (the transfer
 * graph of fund tracing) so rebuilds exactly what it held before a restart.
 *
 * <p>It runs on the decision path: it must be quick (amortised microseconds) and must not block. An
 * exception is logged and counted by the runner and does not stop the engine.
 */
@FunctionalInterface
public interface JournalListener {

  /** Takes one journaled event with its sequence number; sequence numbers only increase. */
  void onJournaled(long seq, Event event);

  /**
   * Returns the types of event this listener wants; it is given no others. Naming few makes the
   * start faster: the journal before the engine snapshot is read for those types only.
   */
  default Set<EventType> eventTypes() {
    return EnumSet.allOf(EventType.class);
  }
}
