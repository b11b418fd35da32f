package org.fanzha.server.ingest;

/** A request holding more events than one request may; answered with 413 and nothing accepted. */
final class TooManyEvents extends RuntimeException {

  private static final long serialVersionUID = 1L;

  TooManyEvents(int max) {
    super(
        "a request may hold at most "
            + max
            + " events; nothing of this one was accepted; send smaller batches");
  }
}
