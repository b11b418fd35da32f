package org.fanzha.flink.io;

import org.fanzha.core.codec.Rejection;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.FraudType;
import org.jspecify.annotations.Nullable;

/**
 * One input record after validation, on its way to scoring: an accepted event in its binary form
 * ({@link org.fanzha.core.codec.EventBinary}), a refusal with its field and reason, or a rule file.
 * It keeps where the record came from ({@link RawLine}) and who waits for an answer.
 *
 * <p>A Flink POJO (public fields, no-argument constructor) so the job serialises it without Kryo.
 */
public class CheckedLine {

  /** What the record turned out to be. */
  public enum Kind {
    EVENT,
    REJECTED,
    RULE_FILE,
    /**
     * A question for the scorer ({@link org.fanzha.core.stream.StreamTopics#SUBSCRIBER_QUERY}):
     * {@link #subject} is the canonical number asked about, or null when the question was refused
     * ({@link #field}, {@link #reason}).
     */
    QUERY
  }

  public Kind kind;

  /** The Kafka partition, or -1 for a file. */
  public int partition;

  /** The 1-based line number in a file, or the offset + 1 in a partition. */
  public long line;

  /** The event's binary form, or the rule file's UTF-8 text; empty for a refusal. */
  public byte[] bytes;

  /**
   * The caller's correlation id when the event asks for an answer at once (a server's decide), else
   * null.
   */
  public @Nullable String replyTo;

  /** The event's id: an accepted event's, a refusal's when it could be read. */
  public @Nullable String eventId;

  /** For a question: the canonical phone number it asks about (null: refused). */
  public @Nullable String subject;

  /** For a refusal or a refused question: the field at fault and why. */
  public @Nullable String field;

  public @Nullable String reason;

  /**
   * For an event whose text the engine reads ({@link org.fanzha.engine.ClassifiedText#textOf}), the
   * content model's verdict on it, found here so the scorer does not classify: its label (null: not
   * classified), fraud type, score.
   */
  public @Nullable String contentLabel;

  public @Nullable FraudType contentType;
  public double contentScore;

  public CheckedLine() {
    this.kind = Kind.EVENT;
    this.bytes = new byte[0];
  }

  private CheckedLine(Kind kind, RawLine raw, byte[] bytes) {
    this.kind = kind;
    this.partition = raw.partition;
    this.line = raw.line;
    this.bytes = bytes;
    this.replyTo = raw.replyTo;
  }

  /** The accepted event {@code id} from {@code raw}, in its binary form. */
  public static CheckedLine event(RawLine raw, String id, byte[] binary) {
    CheckedLine c = new CheckedLine(Kind.EVENT, raw, binary);
    c.eventId = id;
    return c;
  }

  /** The rule file {@code raw} carries. */
  public static CheckedLine ruleFile(RawLine raw) {
    return new CheckedLine(Kind.RULE_FILE, raw, raw.bytes);
  }

  /** The question {@code raw} carries, about the canonical number {@code phone}. */
  public static CheckedLine query(RawLine raw, String phone) {
    CheckedLine c = new CheckedLine(Kind.QUERY, raw, new byte[0]);
    c.subject = phone;
    return c;
  }

  /** The question {@code raw} carries, refused: {@code field} at fault and why. */
  public static CheckedLine queryRefused(RawLine raw, String field, String reason) {
    CheckedLine c = new CheckedLine(Kind.QUERY, raw, new byte[0]);
    c.field = field;
    c.reason = reason;
    return c;
  }

  /** {@code raw} refused. */
  public static CheckedLine rejected(RawLine raw, Rejection r) {
    CheckedLine c = new CheckedLine(Kind.REJECTED, raw, new byte[0]);
    c.eventId = r.eventId();
    c.field = r.field();
    c.reason = r.reason();
    return c;
  }

  /** Carries the content model's verdict on the event's text. */
  public CheckedLine classified(ContentVerdict v) {
    contentLabel = v.label();
    contentType = v.fraudType();
    contentScore = v.score();
    return this;
  }

  /**
   * The refusal this record carries (only for {@link Kind#REJECTED}, or a {@link Kind#QUERY}
   * without subject).
   */
  public Rejection rejection() {
    return new Rejection(line, eventId, field == null ? "" : field, reason == null ? "" : reason);
  }
}
