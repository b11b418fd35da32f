package org.fanzha.server.regions;

import org.fanzha.core.event.EntityKind;

/**
 * An entity of a region the caller does not answer for: answered as if nothing were held for it
 * (404).
 */
public final class OutsideJurisdiction extends RuntimeException {
  private static final long serialVersionUID = 1L;

  OutsideJurisdiction(EntityKind kind) {
    super("nothing is held for this " + kind.wireName());
  }
}
