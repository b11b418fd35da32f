package org.fanzha.store;

import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.event.Role;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a risk list with its provenance (issue 10). Times are the server's clock, epoch
 * milliseconds.
 *
 * @param value normalised as EVENTS.md says for its kind
 * @param source who or what put it there: {@code institution}, {@code rule}, {@code label}, {@code
 *     report}, {@code import}, {@code appeal} (a white entry after an upheld appeal), or an
 *     institution's code
 * @param evidence references (event ids, case numbers), free text
 * @param legalBasis the article or decision it rests on (required for the dishonest list)
 * @param measures what a dishonest listing restricts
 * @param expiresAtMs when it stops by itself ({@code null}: until lifted)
 * @param liftedAtMs when it was lifted ({@code null}: not lifted)
 */
public record ListEntry(
    String id,
    ListName list,
    ListKind kind,
    String value,
    @Nullable Role role,
    @Nullable FraudType fraudType,
    String reason,
    String source,
    @Nullable String evidence,
    @Nullable String legalBasis,
    @Nullable String measures,
    String author,
    long createdAtMs,
    @Nullable Long expiresAtMs,
    @Nullable Long liftedAtMs,
    @Nullable String liftedBy,
    @Nullable String liftReason) {

  /** Returns whether the entry is in force at {@code nowMs}: not lifted and not past its expiry. */
  public boolean inForce(long nowMs) {
    return liftedAtMs == null && (expiresAtMs == null || expiresAtMs > nowMs);
  }
}
