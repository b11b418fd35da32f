package org.fanzha.engine.rules;

import java.util.List;
import org.fanzha.core.event.Role;

/**
 * The rules for one entity kind, combined by noisy-OR: positive weights as independent pieces of
 * evidence, {@code score = 100·(1 − Π(1 − w/100))}, then each firing mitigating rule multiplies the
 * score by {@code 1 + w/100}. Noisy-OR keeps one strong signal strong, lets weak ones add up
 * without passing 100, and needs no re-scaling when a rule is added. At most 64 rules.
 */
public final class RuleSet {

  private static final Role[] ROLES = Role.values();

  private final List<Rule> rules;
  private final Conditions conditions;
  private final double[] factor;
  private final boolean[] mitigates;
  private final int[] roleOrdinal;
  private final int[] weight;
  private final int roleMinScore;
  private final long eventOnly;

  /**
   * Creates a set whose rule {@code i} holds when bit {@code i} of {@code conditions} is set; a
   * role is named from {@code roleMinScore}.
   */
  public RuleSet(List<Rule> rules, Conditions conditions, int roleMinScore) {
    if (rules.size() > 64) {
      throw new IllegalArgumentException("at most 64 rules per set: " + rules.size());
    }
    this.rules = List.copyOf(rules);
    this.conditions = conditions;
    this.roleMinScore = roleMinScore;
    int n = rules.size();
    factor = new double[n];
    mitigates = new boolean[n];
    roleOrdinal = new int[n];
    weight = new int[n];
    for (int i = 0; i < n; i++) {
      Rule r = rules.get(i);
      weight[i] = r.weight();
      mitigates[i] = r.weight() < 0;
      factor[i] = r.weight() < 0 ? 1 + r.weight() / 100.0 : 1 - r.weight() / 100.0;
      roleOrdinal[i] = r.role() == null ? -1 : r.role().ordinal();
    }
    long e = 0;
    for (int i = 0; i < n; i++) {
      e |= rules.get(i).eventOnly() ? 1L << i : 0;
    }
    eventOnly = e;
  }

  /** Returns the rules in index order. */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Returns the rule indexes (a bit each) that decide only the event they fire on ({@code scope:
   * event}).
   */
  public long eventOnly() {
    return eventOnly;
  }

  /**
   * Returns what the entity keeps of {@code v}, an evaluation of this set: {@code v} itself when no
   * event-only rule fired, else the rules that fired less those, combined into {@code out}.
   */
  public Verdict kept(Verdict v, Verdict out) {
    long fired = v.mask() & eventOnly;
    return fired == 0 ? v : combine(v.mask() & ~eventOnly, out);
  }

  /** Returns the conditions this set runs. */
  public Conditions conditions() {
    return conditions;
  }

  /** Returns the index of the rule with this code, or -1. */
  public int indexOf(String code) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).code().equals(code)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Runs every rule over the features and the event and writes the outcome into {@code out};
   * returns {@code out}. A set holds no state of an evaluation: engines on several threads share
   * one (a rule book is compiled once).
   */
  public Verdict evaluate(Object features, EventView event, Verdict out) {
    return combine(conditions.test(features, event), out);
  }

  /**
   * Writes into {@code out} the score, mask and role of a set of fired rules ({@code fired}: a bit
   * per rule index), as {@link #evaluate} does for the rules an evaluation fires; returns {@code
   * out}. For a risk held on reasons gathered over several evaluations.
   */
  public Verdict combine(long fired, Verdict out) {
    if (fired == 0) { // most evaluations: nothing fired, nothing to weigh
      out.score = 0;
      out.mask = 0;
      out.role = null;
      return out;
    }
    double keep = 1;
    double mitigate = 1;
    double[] roleWeight = out.roleWeight;
    java.util.Arrays.fill(roleWeight, 0);
    long mask = 0;
    for (long m = fired; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      if (weight[i] == 0) {
        continue; // a zero weight switches a rule off without removing it
      }
      mask |= 1L << i;
      if (mitigates[i]) {
        mitigate *= factor[i];
      } else {
        keep *= factor[i];
        if (roleOrdinal[i] >= 0) {
          roleWeight[roleOrdinal[i]] += weight[i];
        }
      }
    }
    int score = (int) Math.round(100 * (1 - keep) * mitigate);
    out.score = Math.max(0, Math.min(100, score));
    out.mask = mask;
    out.role = null;
    if (out.score >= roleMinScore) {
      double best = 0;
      for (int k = 0; k < roleWeight.length; k++) {
        if (roleWeight[k] > best) {
          best = roleWeight[k];
          out.role = ROLES[k];
        }
      }
    }
    return out;
  }
}
