package org.fanzha.flink;

/** How the job lays the engine out on Flink. */
public enum Plan {
  /** The engine cut by stage and key across the slots, requests fed back (decision 0023). */
  KEYED,
  /**
   * Stage 1: scoring on one task, as the embedded runner scores (a replay's files are the embedded
   * replay's exactly).
   */
  SINGLE
}
