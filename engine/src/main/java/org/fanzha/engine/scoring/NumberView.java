package org.fanzha.engine.scoring;

/**
 * What a person's steps may read of a number the ACTOR stage scores (the one that reached them, the caller of a
 * long call): its held risk and fraud type, by the person's state's id for it (decision 0023). The embedded engine
 * reads its own table; a keyed runner serves what the numbers' stage published.
 */
public interface NumberView {
  /** Returns the number's held score (0 when unknown). */
  int score(int phone);

  /** Returns the reasons (rule bits) of the held score. */
  long reasonMask(int phone);

  /** Returns the held roles as a bit mask of role ordinals. */
  int roleMask(int phone);

  /** Returns the number's fraud type code (0: unknown). */
  int fraudType(int phone);
}
