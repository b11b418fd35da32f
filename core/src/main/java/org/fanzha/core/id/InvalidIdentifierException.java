package org.fanzha.core.id;

/**
 * Thrown when an identifier is malformed; the message is the reason, for the person who sent it.
 * Stackless: bad input is expected on a stream and must stay cheap to reject.
 */
public final class InvalidIdentifierException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidIdentifierException(String reason) {
    super(reason);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
