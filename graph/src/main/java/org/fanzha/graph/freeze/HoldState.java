package org.fanzha.graph.freeze;

import java.util.Locale;

/** Where a stop or freeze order stands. */
public enum HoldState {
  /** Asked of the bank, not yet in force. */
  REQUESTED,
  /** The bank confirmed: the hold is in force until its expiry. */
  CONFIRMED,
  /** Renewed before it lapsed: in force until the new expiry. */
  RENEWED,
  /** The bank could not apply it (account closed, no such account …). Final. */
  REJECTED,
  /** Lifted by the police (or a cleared appeal). Final. */
  RELEASED,
  /** Lapsed without renewal. Final. */
  EXPIRED;

  /** Returns whether the hold is in force in this state (before its expiry). */
  public boolean inForce() {
    return this == CONFIRMED || this == RENEWED;
  }

  /** Returns whether nothing can follow this state. */
  public boolean isFinal() {
    return this == REJECTED || this == RELEASED || this == EXPIRED;
  }

  /** Returns the lower-case wire name. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
