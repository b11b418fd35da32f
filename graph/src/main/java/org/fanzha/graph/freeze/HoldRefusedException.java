package org.fanzha.graph.freeze;

/**
 * The stop/freeze workflow refuses a change: the message says what was tried, in which state, and
 * why not. A refusal is the caller's to resolve (read the order again, choose another step), not a
 * fault of the system.
 */
public final class HoldRefusedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public HoldRefusedException(String message) {
    super(message);
  }
}
