package org.fanzha.store;

import org.jspecify.annotations.Nullable;

/**
 * The re-verification of one abnormal number or account (第11条: 重新实名核验): who is asked, why, by which
 * channel, and where it stands. Times are the server's clock.
 *
 * @param entityKind {@code phone} or {@code account}
 * @param reasons why it was found abnormal (rule codes and texts, one a line)
 * @param channel how its holder is asked: {@code sms_link}, {@code app_face} or {@code counter}
 * @param state {@code open} (asked, not yet due), {@code restricted} (no answer by the deadline:
 *     outgoing calls and messages or non-counter payments stopped), {@code suspended} (no answer by
 *     the second deadline, or a failed verification: everything stopped) or {@code verified}
 *     (closed: restored)
 * @param dueAtMs when the state next moves on by itself (open → restricted → suspended)
 * @param version the number of steps in its timeline; a change is written over the version it was
 *     decided on
 */
public record VerificationTask(
    String id,
    String entityKind,
    String entity,
    @Nullable String region,
    String reasons,
    String channel,
    String state,
    long openedAtMs,
    long dueAtMs,
    @Nullable Long closedAtMs,
    @Nullable String closedBy,
    int version) {

  public static final String OPEN = "open";
  public static final String RESTRICTED = "restricted";
  public static final String SUSPENDED = "suspended";
  public static final String VERIFIED = "verified";

  /** Returns the reasons, one a line. */
  public java.util.List<String> reasonLines() {
    return reasons.lines().toList();
  }

  /** Returns whether the task still limits or asks something of the holder. */
  public boolean isActive() {
    return !VERIFIED.equals(state);
  }

  /** Returns the task moved to {@code next}, due again at {@code due}, one step further. */
  public VerificationTask moved(
      String next, long due, @Nullable Long closedAt, @Nullable String by) {
    return new VerificationTask(
        id,
        entityKind,
        entity,
        region,
        reasons,
        channel,
        next,
        openedAtMs,
        due,
        closedAt,
        by,
        version + 1);
  }

  /** One entry of the timeline. */
  public record Step(int step, long atMs, String kind, String detail, String actor) {}
}
