package org.fanzha.flink.io;

import org.jspecify.annotations.Nullable;

/**
 * One record out of the scoring operator: its kind, the key it is partitioned and compacted by, and
 * its NDJSON body (null for an entity that no longer holds a risk). A Flink POJO.
 */
public class Output {
  public OutputKind kind;
  public String key;
  public @Nullable String json;

  public Output() {
    this.kind = OutputKind.DECISION;
    this.key = "";
  }

  public Output(OutputKind kind, String key, @Nullable String json) {
    this.kind = kind;
    this.key = key;
    this.json = json;
  }

  @Override
  public String toString() {
    return kind + " " + key + " " + json;
  }
}
