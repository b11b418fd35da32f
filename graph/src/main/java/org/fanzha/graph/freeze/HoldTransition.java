package org.fanzha.graph.freeze;

import org.jspecify.annotations.Nullable;

/**
 * One audited change of a hold order: from which state to which, when, by whom and why.
 *
 * @param from the state before ({@code null} for the request that created the order)
 * @param to the state after
 * @param atMillis when it happened (epoch ms)
 * @param actor who did it (police officer id, bank system id, {@code system} for expiry)
 * @param note the reason or reference given (document number, bank reference, rejection reason)
 * @param expiresAtMillis the hold's expiry after this change, or {@code null} when not in force
 */
public record HoldTransition(
    @Nullable HoldState from,
    HoldState to,
    long atMillis,
    String actor,
    @Nullable String note,
    @Nullable Long expiresAtMillis) {}
