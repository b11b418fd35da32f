package org.fanzha.store;

/** A database or I/O failure inside the store; the cause carries the detail. */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  StoreException(String message) {
    super(message);
  }

  StoreException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
