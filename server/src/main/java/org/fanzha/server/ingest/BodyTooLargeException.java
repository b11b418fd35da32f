package org.fanzha.server.ingest;

/** A request body over the configured limit; answered with 413. */
final class BodyTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  BodyTooLargeException(long limit) {
    super("request body is larger than " + limit + " bytes; send smaller batches");
  }
}
