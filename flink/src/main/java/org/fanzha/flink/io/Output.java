package org.fanzha.flink.io;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One record out of the scoring operator: its kind, the key it is partitioned and compacted by, and
 * its NDJSON body as UTF-8 (null for an entity that no longer holds a risk). A Flink POJO; the body
 * is bytes because Flink copies a byte array in bulk but a string one character at a time, which
 * cost half the time of a replay.
 */
public class Output {
  public OutputKind kind;
  public String key;
  public byte @Nullable [] json;

  /**
   * The answered event's place among its input's accepted events, where the job keeps it (the keyed
   * replay, which writes decisions in that order); -1 elsewhere. A keyed replay's decision without
   * a body was scored at zero: nothing to write, but its place is taken.
   */
  public long seq = -1;

  public Output() {
    this.kind = OutputKind.DECISION;
    this.key = "";
  }

  public Output(OutputKind kind, String key, byte @Nullable [] json) {
    this.kind = kind;
    this.key = key;
    this.json = json;
  }

  /** The body as text, or null for a tombstone. */
  public @Nullable String text() {
    return json == null ? null : new String(json, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return kind + " " + key + " " + text();
  }
}
