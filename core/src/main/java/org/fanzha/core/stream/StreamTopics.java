package org.fanzha.core.stream;

/**
 * The Kafka topics of the distributed mode (API.md "Distributed mode"): the server writes accepted
 * events to {@code input} and rule files to {@code rules}; the job writes its results to topics
 * named by {@code prefix}.
 *
 * @param input NDJSON events, one per record
 * @param rules rule files, one per record, adopted by the job in the order published
 * @param prefix the job's output topics are this prefix + {@code decisions}, {@code warnings},
 *     {@code entities}, {@code rejections}, {@code rules-applied} and {@code replies}; the
 *     questions it answers come on this prefix + {@code queries}
 */
public record StreamTopics(String input, String rules, String prefix) {

  /**
   * A record header on an input event that asks the job to answer it at once on the {@link
   * #replies()} topic, keyed by the header's value (the caller's correlation id): {@code
   * {"status":"decided","decision":{…}}}, {@code {"status":"duplicate"}}, {@code
   * {"status":"rejected","field":…,"reason":…}} or {@code {"status":"failed"}}.
   */
  public static final String REPLY_HEADER = "fanzha-reply-to";

  public static final String DEFAULT_INPUT = "fanzha.events";
  public static final String DEFAULT_RULES = "fanzha.rules";
  public static final String DEFAULT_PREFIX = "fanzha.";

  /**
   * The value of a record on the {@link #queries()} topic that asks for a number's subscriber score
   * (在网积分): {@code {"subscriber":"<phone>"}}, with the {@link #REPLY_HEADER} header. The job
   * answers on {@link #replies()}: {@code {"status":"scored","subscriber":{…}}} (the fields of
   * {@code GET /api/v1/subscribers/{phone}/score}), {@code {"status":"unknown"}} for a number it
   * never met, or {@code {"status":"rejected","field":…,"reason":…}}.
   */
  public static final String SUBSCRIBER_QUERY = "subscriber";

  /** The names a job and a server use unless told otherwise. */
  public static StreamTopics defaults() {
    return new StreamTopics(DEFAULT_INPUT, DEFAULT_RULES, DEFAULT_PREFIX);
  }

  /** Decisions of EVENTS.md, keyed {@code kind:entity}, committed with each checkpoint. */
  public String decisions() {
    return prefix + "decisions";
  }

  /** Early warnings of EVENTS.md, keyed by the victim, committed with each checkpoint. */
  public String warnings() {
    return prefix + "warnings";
  }

  /**
   * Entity risks of EVENTS.md as a changelog keyed {@code kind:entity}, a tombstone when a risk
   * falls to zero.
   */
  public String entities() {
    return prefix + "entities";
  }

  /** Input records the job refused. */
  public String rejections() {
    return prefix + "rejections";
  }

  /** The job's answer to each rule file, keyed by its partition and offset + 1. */
  public String rulesApplied() {
    return prefix + "rules-applied";
  }

  /**
   * Answers to events sent with {@link #REPLY_HEADER}, written at once (not in the checkpoint's
   * transaction).
   */
  public String replies() {
    return prefix + "replies";
  }

  /**
   * Questions to the job about what it holds, each with {@link #REPLY_HEADER} and answered on
   * {@link #replies()} ({@link #SUBSCRIBER_QUERY}); read from the end, like the replies, since only
   * a waiting caller wants the answer.
   */
  public String queries() {
    return prefix + "queries";
  }
}
