package org.fanzha.flink.io;

import org.jspecify.annotations.Nullable;

/**
 * One input record before validation: its UTF-8 bytes and where it came from, so a refusal can name
 * the place (a file's line number, or a Kafka partition and offset + 1). Most are events; a few are
 * rule files published to the rules topic, which every scorer adopts between two events.
 *
 * <p>A Flink POJO (public fields, no-argument constructor) so the job serialises it without Kryo.
 */
public class RawLine {
  /** The Kafka partition, or -1 for a file. */
  public int partition;

  /** The 1-based line number in a file, or the offset + 1 in a partition. */
  public long line;

  public byte[] bytes;

  /** The bytes are a rule file (API.md "Rule file"), not an event. */
  public boolean ruleFile;

  /**
   * The bytes are a question to the job ({@link org.fanzha.core.stream.StreamTopics#queries()}),
   * not an event.
   */
  public boolean query;

  /**
   * The caller's correlation id when the event (or query) asks for an answer at once (a server's
   * decide), else null.
   */
  public @Nullable String replyTo;

  public RawLine() {
    this.bytes = new byte[0];
  }

  public RawLine(int partition, long line, byte[] bytes) {
    this.partition = partition;
    this.line = line;
    this.bytes = bytes;
  }

  /** A rule file read from the rules topic. */
  public static RawLine ruleFile(int partition, long line, byte[] yaml) {
    RawLine r = new RawLine(partition, line, yaml);
    r.ruleFile = true;
    return r;
  }

  /** A question read from the queries topic, answered to {@code replyTo}. */
  public static RawLine query(int partition, long line, byte[] json, String replyTo) {
    RawLine r = new RawLine(partition, line, json);
    r.query = true;
    r.replyTo = replyTo;
    return r;
  }
}
