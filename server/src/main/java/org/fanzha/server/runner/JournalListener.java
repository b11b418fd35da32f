package org.fanzha.server.runner;

import org.fanzha.core.event.Event;

/**
 * Receives every journaled event in journal order, on the engine thread: at start the whole
 * journal (from sequence 1, whatever snapshot the engine recovers from), then each newly accepted
 * event right after the engine has processed it. A listener that keeps state in memory (the
 * transfer graph of fund tracing) so rebuilds exactly what it held before a restart.
 *
 * <p>It runs on the decision path: it must be quick (amortised microseconds) and must not block.
 * An exception is logged and counted by the runner and does not stop the engine.
 */
@FunctionalInterface
public interface JournalListener {

  /** Takes one journaled event with its sequence number; sequence numbers only increase. */
  void onJournaled(long seq, Event event);
}
