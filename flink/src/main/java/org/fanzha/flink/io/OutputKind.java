package org.fanzha.flink.io;

/** What an {@link Output} carries; each kind has its own topic and its own replay file. */
public enum OutputKind {
  /** A decision of EVENTS.md, for an event scored above zero. */
  DECISION,
  /** An early warning of EVENTS.md. */
  WARNING,
  /**
   * An entity risk of EVENTS.md; a missing body (tombstone) means the entity no longer holds a
   * risk.
   */
  ENTITY,
  /** An input refused: {@code {partition?, line, event_id, field, reason}}. */
  REJECTION,
  /**
   * A rule file from the rules topic was adopted or refused: {@code {version, status, problems?}}.
   */
  RULES,
  /** The answer to an event sent with a correlation id (a server's decide), keyed by that id. */
  REPLY,
  /** At the end of a bounded input only: the counts of the run. */
  SUMMARY
}
