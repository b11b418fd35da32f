package org.fanzha.server.ingest;

/**
 * The runner could not take or finish the events (queue full, store down, stopping); answered with
 * 503.
 */
final class Unavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  Unavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
