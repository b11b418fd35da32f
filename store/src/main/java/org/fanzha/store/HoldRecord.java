package org.fanzha.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stored stop or freeze order: its current state and every change, oldest first. Kinds and states
 * are wire names ({@code stop}, {@code confirmed} …); the rules of the workflow live in the domain
 * model ({@code org.fanzha.graph.freeze.HoldOrder}), the store only keeps what it decided.
 *
 * @param id the order's id
 * @param kind {@code stop} or {@code freeze}
 * @param account the account held
 * @param amountFen the amount to hold, in fen
 * @param caseRef the case or trace the order belongs to
 * @param state the current state's wire name
 * @param termMillis the requested term
 * @param expiresAtMillis when the hold lapses, once in force
 * @param renewals how many times it was renewed
 * @param history every change, oldest first; never empty
 */
public record HoldRecord(
    String id,
    String kind,
    String account,
    long amountFen,
    String caseRef,
    String state,
    long termMillis,
    @Nullable Long expiresAtMillis,
    int renewals,
    List<Step> history) {

  public HoldRecord {
    history = List.copyOf(history);
    if (history.isEmpty()) {
      throw new IllegalArgumentException(
          "hold " + id + " has no history; its request is its first step");
    }
  }

  /**
   * One change of state.
   *
   * @param from the state before ({@code null} for the request)
   * @param to the state after
   * @param atMillis when (epoch ms)
   * @param actor who
   * @param note reason or reference given
   * @param expiresAtMillis the expiry after the change, or {@code null} when not in force
   */
  public record Step(
      @Nullable String from,
      String to,
      long atMillis,
      String actor,
      @Nullable String note,
      @Nullable Long expiresAtMillis) {}
}
