package org.fanzha.server.system;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * The roles of the console and API. {@code ANALYST} works cases and sees personal data unmasked
 * (every look-up audited); {@code REVIEWER} checks and approves what analysts propose; {@code
 * ADMIN} also manages the system (actuator, users); {@code INGEST} submits events; {@code BANK}
 * confirms or rejects stop and freeze orders. Anonymous visitors get only what the public side
 * promises.
 */
public final class Roles {

  public static final String ANALYST = "ANALYST";
  public static final String REVIEWER = "REVIEWER";
  public static final String ADMIN = "ADMIN";
  public static final String INGEST = "INGEST";

  /** A bank's system: confirms or rejects stop and freeze orders. */
  public static final String BANK = "BANK";

  /** A telecom operator's system or staff. */
  public static final String OPERATOR = "OPERATOR";

  /** An internet platform's system or staff. */
  public static final String PLATFORM = "PLATFORM";

  /**
   * A police unit's system receiving clues; given only to the keys of police institutions (clue
   * push).
   */
  public static final String POLICE = "POLICE";

  /** Every role a user or key may be given, as API.md lists them. */
  public static final java.util.List<String> ALL =
      java.util.List.of(ADMIN, ANALYST, REVIEWER, BANK, OPERATOR, PLATFORM, INGEST);

  /**
   * The roles that may ask for a decision: intake, people who work cases, and an operator's switch
   * (which asks about its calls, messages and card openings only).
   */
  public static final java.util.List<String> DECIDE =
      java.util.List.of(INGEST, ANALYST, ADMIN, OPERATOR);

  private Roles() {}

  /** Returns whether the caller may see identifiers unmasked. */
  public static boolean canSeePersonalData(@Nullable Authentication auth) {
    return Caller.of(auth).hasAny(ANALYST, ADMIN);
  }

  /** Returns whether the caller holds a role that {@linkplain #DECIDE may ask for decisions}. */
  public static boolean mayAskDecisions(Caller c) {
    return c.roles().stream().anyMatch(DECIDE::contains);
  }

  /**
   * Returns whether the caller asks as an operator alone (its calls and messages), without a role
   * that sends other events: intake left open lets anyone send them.
   */
  public static boolean operatorOnly(Caller c) {
    return c.hasAny(OPERATOR) && !c.hasAny(INGEST, ANALYST, ADMIN);
  }

  /** Returns whether the caller may read subscriber scores (operators and analysts). */
  public static boolean readsSubscriberScores(Caller c) {
    return c.hasAny(OPERATOR, ANALYST, ADMIN);
  }

  /**
   * Returns whether the caller may record a confirmed case outcome (a {@code label} event), which
   * sets or clears an entity's risk directly: only people who confirm cases, never a plain intake
   * key or an anonymous sender.
   */
  public static boolean mayConfirmCases(Caller caller) {
    return caller.hasAny(ANALYST, REVIEWER, ADMIN);
  }
}
