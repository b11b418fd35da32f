package org.fanzha.engine.scoring;

/**
 * The stages an event's steps pass through, in this order (decision 0023). Each stage's steps read
 * and write only the state of the key they run for; what a later stage needs of an earlier one
 * travels in {@link Facts}, what reaches back goes as a request after the event.
 */
public enum Stage {
  /** Handsets, IPs and radio cells: how many numbers, accounts and holders they carry. */
  NODE,
  /** The people who open cards and accounts: openings, card dealers. */
  HOLDER,
  /** Numbers and accounts as the parties that act: their features, rules and held risk. */
  ACTOR,
  /**
   * Phones as people who may be being defrauded: long calls received, lures, episodes, warnings.
   */
  PERSON
}
