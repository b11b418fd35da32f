package org.fanzha.engine.scoring;

import org.fanzha.core.event.Role;
import org.fanzha.engine.features.FeatureTable;

/**
 * What a person's steps may read of a number the ACTOR stage scores (the one that reached them, the
 * caller of a long call), by the person's state's id for it (decision 0023). The embedded engine
 * reads its own table; a keyed runner serves what the numbers' stage holds.
 */
@FunctionalInterface
public interface NumberView {

  /** Returns the number's held risk and fraud type ({@link NumberRisk#NONE} when unknown). */
  NumberRisk of(int phone);

  /**
   * A number's held score, its reasons and roles (bit masks), and its fraud type code (0: unknown).
   */
  record NumberRisk(int score, long reasonMask, int roleMask, int fraudType) {
    public static final NumberRisk NONE = new NumberRisk(0, 0, 0, 0);

    /** Returns whether the number is held as a fraud number. */
    public boolean fraudNumber() {
      return (roleMask & FeatureTable.bit(Role.FRAUD_NUMBER)) != 0;
    }
  }
}
