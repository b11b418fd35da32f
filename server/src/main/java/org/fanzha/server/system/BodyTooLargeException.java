package org.fanzha.server.system;

/** A request body over the configured limit; answered with 413. */
public final class BodyTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BodyTooLargeException(long limit) {
    super("the request body is larger than " + limit + " bytes; send less at a time");
  }
}
