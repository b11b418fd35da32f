package org.fanzha.engine.rules;

import org.fanzha.core.event.Role;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of running one rule set over one entity; reused between events, one per engine (not
 * thread-safe).
 */
public final class Verdict {

  int score;
  long mask;
  @Nullable Role role;

  /**
   * Scratch for {@link RuleSet#evaluate}: the weight behind each role. Here, not in the set:
   * engines share sets.
   */
  final double[] roleWeight = new double[Role.values().length];

  /** Returns the combined score, 0–100. */
  public int score() {
    return score;
  }

  /**
   * Returns the fired rules as a bit mask of their indexes in the rule set ({@link
   * RuleSet#rules()}).
   */
  public long mask() {
    return mask;
  }

  /**
   * Returns the role the evidence points to, or {@code null} when the score is below the role
   * floor.
   */
  public @Nullable Role role() {
    return role;
  }

  /** Returns the role as a bit mask of {@link Role} ordinals (0 when none). */
  public int roleBits() {
    return role == null ? 0 : 1 << role.ordinal();
  }
}
