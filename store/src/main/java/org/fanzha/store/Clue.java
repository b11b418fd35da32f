package org.fanzha.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A lead sent to one institution, with where it stands.
 *
 * @param dedupeKey the source's name for the lead; one clue per institution and key
 * @param source {@code detection}, {@code warning} or {@code manual}
 * @param sourceRef what it came from (a warning task, a rule code), if anything
 * @param unit the GB/T 2260 unit answering for it being late (moves up with each escalation)
 * @param status {@link #NEW}, {@link #DELIVERED}, {@link #ACKNOWLEDGED} or {@link #CLOSED}
 * @param nextAttemptMs when the next push is due; null when nothing is to push
 */
public record Clue(
    String id,
    String institutionId,
    String dedupeKey,
    String source,
    @Nullable String sourceRef,
    String targetKind,
    String targetValue,
    String fraudType,
    String severity,
    @Nullable String region,
    String unit,
    String summary,
    List<String> evidence,
    long createdAtMs,
    long ackDueMs,
    long feedbackDueMs,
    String status,
    int attempts,
    @Nullable Long nextAttemptMs,
    @Nullable String lastError,
    @Nullable Long deliveredAtMs,
    @Nullable Long ackedAtMs,
    @Nullable String ackedBy,
    @Nullable String feedbackCode,
    @Nullable String feedbackNote,
    @Nullable Long feedbackAtMs,
    @Nullable String feedbackBy,
    int escalation,
    @Nullable Long escalatedAtMs) {

  public static final String NEW = "new";
  public static final String DELIVERED = "delivered";
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String CLOSED = "closed";

  public Clue {
    evidence = List.copyOf(evidence);
  }

  /**
   * A clue as first stored: nothing sent yet, the first push due at {@code firstPushMs} (null:
   * pulled).
   */
  public static Clue fresh(
      String id,
      String institutionId,
      String dedupeKey,
      String source,
      @Nullable String sourceRef,
      String targetKind,
      String targetValue,
      String fraudType,
      String severity,
      @Nullable String region,
      String unit,
      String summary,
      List<String> evidence,
      long createdAtMs,
      long ackDueMs,
      long feedbackDueMs,
      @Nullable Long firstPushMs) {
    return new Clue(
        id,
        institutionId,
        dedupeKey,
        source,
        sourceRef,
        targetKind,
        targetValue,
        fraudType,
        severity,
        region,
        unit,
        summary,
        evidence,
        createdAtMs,
        ackDueMs,
        feedbackDueMs,
        NEW,
        0,
        firstPushMs,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        0,
        null);
  }

  /** Returns whether the receiver has still to answer it. */
  public boolean open() {
    return !status.equals(CLOSED);
  }

  /**
   * Returns whether it is late at {@code now}: not acknowledged by its ack due time, or unanswered
   * by its feedback due.
   */
  public boolean overdue(long now) {
    return open() && (now > feedbackDueMs || (ackedAtMs == null && now > ackDueMs));
  }
}
