package org.fanzha.engine.rules;

import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.jspecify.annotations.Nullable;

/**
 * One rule: when {@code when} holds, it contributes {@code weight} (0–100; negative mitigates) to
 * the score and suggests {@code role}. The reason is what the person concerned is told.
 */
public record Rule<F>(String code, Reason reason, int weight, @Nullable Role role, Condition<F> when) {

  public Rule {
    if (weight < -100 || weight > 100) {
      throw new IllegalArgumentException(code + ": weight must be -100..100: " + weight);
    }
  }
}
