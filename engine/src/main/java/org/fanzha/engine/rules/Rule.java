package org.fanzha.engine.rules;

import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.rules.lang.Node;
import org.jspecify.annotations.Nullable;

/**
 * One rule ready to score: when {@code condition} holds it contributes {@code weight} (negative
 * mitigates) and points to {@code role}. The reason is what the person concerned is told.
 *
 * @param when the condition as written, for display
 * @param condition the checked condition
 * @param links whether the rule ties the entity to fraud itself ({@code evidence: link}) rather
 *     than describing its behaviour
 * @param eventOnly whether the rule decides only the event it fires on ({@code scope: event}): the
 *     entity's held risk does not keep it
 */
public record Rule(
    String code,
    Reason reason,
    int weight,
    @Nullable Role role,
    String when,
    Node condition,
    boolean links,
    boolean eventOnly) {

  /** A rule kept in the held risk like any evidence ({@code scope: entity}). */
  public Rule(
      String code,
      Reason reason,
      int weight,
      @Nullable Role role,
      String when,
      Node condition,
      boolean links) {
    this(code, reason, weight, role, when, condition, links, false);
  }
}
