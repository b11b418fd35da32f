package org.fanzha.engine.rules.file;

import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.jspecify.annotations.Nullable;

/**
 * One rule as a rule file states it, before its condition is checked.
 *
 * @param code stable across versions, {@code [A-Z][A-Z0-9_]{2,63}}
 * @param appliesTo the entity kind whose features the condition reads
 * @param role the role the rule points to, or null
 * @param weight -100..100; negative mitigates
 * @param when the condition's text
 * @param whenAt where the condition's first character stands in the file, to place its problems
 * @param reason what the person concerned is told, in Chinese and English
 * @param enabled false keeps the rule in the file but out of scoring
 * @param links {@code evidence: link}: the rule ties the entity to fraud itself (a victim, a
 *     report, fraudulent content, a listing, a dealer, a shared handset), rather than describing
 *     how it behaves
 * @param eventOnly {@code scope: event}: the rule decides the event it fires on (an opening past a
 *     limit is refused) and the entity's held risk does not keep it; {@code scope: entity}, the
 *     default, is kept like any evidence
 */
public record RuleSpec(
    String code,
    Kind appliesTo,
    @Nullable Role role,
    int weight,
    String when,
    TextPosition whenAt,
    Reason reason,
    boolean enabled,
    boolean links,
    boolean eventOnly) {

  /**
   * What a rule applies to: the entity kinds scored for fraud ({@code device} covers devices and IP
   * addresses), and {@code subscriber}, the lines of the subscriber score (在网积分): each adds its
   * weight, as points, to the score of a phone whose features meet it.
   */
  public enum Kind {
    PHONE,
    ACCOUNT,
    HOLDER,
    DEVICE,
    SUBSCRIBER;

    private static final java.util.List<Kind> SCORED =
        java.util.List.of(PHONE, ACCOUNT, HOLDER, DEVICE);

    /** Returns the name in rule files. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Returns the kinds whose rules score entities for fraud (all but {@link #SUBSCRIBER}). */
    public static java.util.List<Kind> scored() {
      return SCORED;
    }
  }
}
