package org.fanzha.graph.freeze;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.id.Identifiers;
import org.fanzha.core.money.Money;
import org.fanzha.core.time.Timestamps;
import org.jspecify.annotations.Nullable;

/**
 * A stop (止付) or freeze (冻结) order on one account, as an immutable value: each transition returns a
 * new order with one more audited {@link HoldTransition}. Invalid transitions are refused with a
 * {@link HoldRefusedException} saying what was tried, in which state, and why not.
 *
 * <pre>
 * REQUESTED ──confirm──► CONFIRMED ──renew──► RENEWED ──renew (freeze only)──► RENEWED …
 *     │                     │  │                 │  │
 *     └─reject─► REJECTED   │  └─release─► RELEASED ◄┘
 *     └─release─► RELEASED  └────expire (at expiry)──► EXPIRED ◄──┘
 * </pre>
 *
 * A stop lasts 48 hours from confirmation and can be renewed once (two stops in all), each renewal
 * adding 48 hours to the current expiry. A freeze term is at most 6 calendar months (Beijing time)
 * and can be renewed while in force, each renewal at most 6 months from the current expiry. Time is
 * given by the caller (no clock inside), so the server and tests control it.
 *
 * @param id the order's id (assigned by whoever persists it)
 * @param kind stop or freeze
 * @param account the account held
 * @param amountFen the amount to hold (the traced money), in fen
 * @param caseRef the case or trace the order belongs to
 * @param state the current state
 * @param termMillis the requested term (a stop's is always 48 h)
 * @param expiresAtMillis when the hold lapses, once in force
 * @param renewals how many times it was renewed
 * @param history every transition, oldest first
 */
public record HoldOrder(
    String id,
    HoldKind kind,
    String account,
    long amountFen,
    String caseRef,
    HoldState state,
    long termMillis,
    @Nullable Long expiresAtMillis,
    int renewals,
    List<HoldTransition> history) {

  public HoldOrder {
    history = List.copyOf(history);
  }

  /**
   * Returns a new order in state REQUESTED. A stop's term is always 48 hours ({@code term} is
   * ignored and may be null); a freeze's term must be positive and at most 6 months.
   */
  public static HoldOrder request(
      String id,
      HoldKind kind,
      String account,
      long amountFen,
      String caseRef,
      @Nullable Duration term,
      long atMillis,
      String actor,
      @Nullable String note) {
    if (amountFen <= 0) {
      throw new IllegalArgumentException(
          "amount to hold must be positive, was " + Money.formatYuan(amountFen));
    }
    if (account.isBlank() || Identifiers.isCashTerminal(account)) {
      throw new IllegalArgumentException(
          "cannot hold '" + account + "': not a bank or payment account");
    }
    long termMillis;
    if (kind == HoldKind.STOP) {
      termMillis = HoldKind.STOP_TERM.toMillis();
    } else {
      if (term == null || term.isZero() || term.isNegative()) {
        throw new IllegalArgumentException("a freeze needs a positive term, was " + term);
      }
      checkFreezeTerm(atMillis, term.toMillis());
      termMillis = term.toMillis();
    }
    HoldTransition t = new HoldTransition(null, HoldState.REQUESTED, atMillis, actor, note, null);
    return new HoldOrder(
        id,
        kind,
        account,
        amountFen,
        caseRef,
        HoldState.REQUESTED,
        termMillis,
        null,
        0,
        List.of(t));
  }

  /** Returns this order confirmed by the bank at {@code atMillis}: in force for one term. */
  public HoldOrder confirm(long atMillis, String actor, @Nullable String bankRef) {
    require(state == HoldState.REQUESTED, "confirm", "only a requested order can be confirmed");
    requireNotBefore(atMillis, "confirm");
    if (kind == HoldKind.FREEZE) {
      checkFreezeTerm(atMillis, termMillis); // the term runs from confirmation
    }
    long expiry = atMillis + termMillis;
    return next(HoldState.CONFIRMED, atMillis, actor, bankRef, expiry, renewals);
  }

  /** Returns this order refused by the bank (e.g. the account is closed). */
  public HoldOrder reject(long atMillis, String actor, String reason) {
    require(state == HoldState.REQUESTED, "reject", "only a requested order can be rejected");
    requireNotBefore(atMillis, "reject");
    return next(HoldState.REJECTED, atMillis, actor, reason, null, renewals);
  }

  /**
   * Returns this order renewed at {@code atMillis}, before it lapsed. A stop adds 48 hours and may
   * be renewed once; a freeze adds {@code term} (at most 6 months from the current expiry).
   */
  public HoldOrder renew(
      long atMillis, String actor, @Nullable Duration term, @Nullable String note) {
    require(state.inForce(), "renew", "only an order in force can be renewed");
    requireNotBefore(atMillis, "renew");
    long expiry = expiresAtMillis == null ? atMillis : expiresAtMillis;
    if (atMillis >= expiry) {
      throw new HoldRefusedException(
          "cannot renew "
              + kind.wireName()
              + " "
              + id
              + ": it lapsed at "
              + Timestamps.format(expiry)
              + ", before "
              + Timestamps.format(atMillis));
    }
    long add;
    if (kind == HoldKind.STOP) {
      if (renewals >= HoldKind.STOP_MAX_RENEWALS) {
        throw new HoldRefusedException(
            "cannot renew stop "
                + id
                + ": a stop may be renewed only "
                + HoldKind.STOP_MAX_RENEWALS
                + " time (two stops in all); request a freeze instead");
      }
      add = HoldKind.STOP_TERM.toMillis();
    } else {
      if (term == null || term.isZero() || term.isNegative()) {
        throw new IllegalArgumentException("a freeze renewal needs a positive term, was " + term);
      }
      checkFreezeTerm(expiry, term.toMillis());
      add = term.toMillis();
    }
    return next(HoldState.RENEWED, atMillis, actor, note, expiry + add, renewals + 1);
  }

  /** Returns this order lifted at {@code atMillis} (by the police, or after a cleared appeal). */
  public HoldOrder release(long atMillis, String actor, String reason) {
    require(
        state == HoldState.REQUESTED || state.inForce(),
        "release",
        "only a requested or in-force order can be released");
    requireNotBefore(atMillis, "release");
    if (state.inForce() && expiresAtMillis != null && atMillis >= expiresAtMillis) {
      throw new HoldRefusedException(
          "cannot release "
              + kind.wireName()
              + " "
              + id
              + ": it already lapsed at "
              + Timestamps.format(expiresAtMillis)
              + "; mark it expired");
    }
    return next(HoldState.RELEASED, atMillis, actor, reason, null, renewals);
  }

  /**
   * Returns this order marked EXPIRED if it is in force and {@code atMillis} is at or past its
   * expiry; otherwise returns this order unchanged. The transition is recorded at the expiry time.
   */
  public HoldOrder expireIfDue(long atMillis) {
    if (!state.inForce() || expiresAtMillis == null || atMillis < expiresAtMillis) {
      return this;
    }
    return next(HoldState.EXPIRED, expiresAtMillis, "system", "term ended", null, renewals);
  }

  /** Returns whether the hold is in force at {@code atMillis}. */
  public boolean inForceAt(long atMillis) {
    return state.inForce() && expiresAtMillis != null && atMillis < expiresAtMillis;
  }

  private HoldOrder next(
      HoldState to,
      long at,
      String actor,
      @Nullable String note,
      @Nullable Long expiry,
      int renewalCount) {
    if (actor.isBlank()) {
      throw new IllegalArgumentException("every change needs an actor");
    }
    List<HoldTransition> h = new ArrayList<>(history);
    h.add(new HoldTransition(state, to, at, actor, note, expiry));
    return new HoldOrder(
        id, kind, account, amountFen, caseRef, to, termMillis, expiry, renewalCount, h);
  }

  private void require(boolean ok, String action, String rule) {
    if (!ok) {
      throw new HoldRefusedException(
          "cannot "
              + action
              + " "
              + kind.wireName()
              + " "
              + id
              + " in state "
              + state.wireName()
              + ": "
              + rule);
    }
  }

  private void requireNotBefore(long atMillis, String action) {
    long last = history.get(history.size() - 1).atMillis();
    if (atMillis < last) {
      throw new HoldRefusedException(
          "cannot "
              + action
              + " "
              + kind.wireName()
              + " "
              + id
              + " at "
              + Timestamps.format(atMillis)
              + ": before its last change at "
              + Timestamps.format(last));
    }
  }

  private static void checkFreezeTerm(long fromMillis, long termMillis) {
    ZonedDateTime start = Instant.ofEpochMilli(fromMillis).atZone(Timestamps.CHINA);
    long limit = start.plusMonths(HoldKind.FREEZE_MAX_MONTHS).toInstant().toEpochMilli();
    if (fromMillis + termMillis > limit) {
      throw new IllegalArgumentException(
          "a freeze term is at most "
              + HoldKind.FREEZE_MAX_MONTHS
              + " months: from "
              + Timestamps.format(fromMillis)
              + " it may run to "
              + Timestamps.format(limit)
              + ", asked "
              + Duration.ofMillis(termMillis).toDays()
              + " days");
    }
  }
}
