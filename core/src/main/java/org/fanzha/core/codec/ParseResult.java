package org.fanzha.core.codec;

import org.fanzha.core.event.Event;

/** The outcome of decoding one input event: accepted, or rejected with a reason. */
public sealed interface ParseResult {

  /** Returns the line (file) or 1-based position (JSON array) of the event. */
  long line();

  /** A valid event. */
  record Accepted(long line, Event event) implements ParseResult {}

  /** An event refused, with where and why. */
  record Rejected(Rejection rejection) implements ParseResult {
    @Override
    public long line() {
      return rejection.line();
    }
  }
}
