package org.fanzha.server.system;

/**
 * The request itself is wrong (a missing or malformed field, a value out of range): answered 400
 * with this message, which names the field. Thrown only where input is checked, so that no other
 * exception is ever blamed on the client.
 */
public final class BadRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BadRequestException(String message) {
    super(message);
  }

  public BadRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
