package org.fanzha.engine.rules;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;

/**
 * The rules for one entity kind, combined by noisy-OR: positive weights as independent pieces of
 * evidence, {@code score = 100·(1 − Π(1 − w/100))}, then each firing mitigating rule multiplies the
 * score by {@code 1 + w/100}. Noisy-OR keeps one strong signal strong, lets weak ones add up
 * without passing 100, and needs no re-scaling when a rule is added. At most 64 rules.
 */
public final class RuleSet<F> {

  private final List<Rule<F>> rules;
  private final Rule<F>[] array;
  private final int roleMinScore;
  private final Long2ObjectOpenHashMap<List<Reason>> reasonLists = new Long2ObjectOpenHashMap<>();
  private final double[] roleWeight = new double[Role.values().length];

  @SuppressWarnings("unchecked")
  /** Creates a set; a role is named only when the score reaches {@code roleMinScore}. */
  public RuleSet(List<Rule<F>> rules, int roleMinScore) {
    if (rules.size() > 64) {
      throw new IllegalArgumentException("at most 64 rules per set: " + rules.size());
    }
    this.rules = List.copyOf(rules);
    this.array = this.rules.toArray(new Rule[0]);
    this.roleMinScore = roleMinScore;
  }

  /** Returns the rules in index order. */
  public List<Rule<F>> rules() {
    return rules;
  }

  /** Returns the index of the rule with this code, or -1. */
  public int indexOf(String code) {
    for (int i = 0; i < array.length; i++) {
      if (array[i].code().equals(code)) {
        return i;
      }
    }
    return -1;
  }

  /** Runs every rule over {@code f} and writes the outcome into {@code out}; returns {@code out}. */
  public Verdict evaluate(F f, Verdict out) {
    double keep = 1;
    double mitigate = 1;
    long mask = 0;
    java.util.Arrays.fill(roleWeight, 0);
    for (int i = 0; i < array.length; i++) {
      Rule<F> r = array[i];
      if (r.weight() != 0 && r.when().test(f)) {
        mask |= 1L << i;
        if (r.weight() > 0) {
          keep *= 1 - r.weight() / 100.0;
          if (r.role() != null) {
            roleWeight[r.role().ordinal()] += r.weight();
          }
        } else {
          mitigate *= 1 + r.weight() / 100.0;
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
          out.role = Role.values()[k];
        }
      }
    }
    return out;
  }

  /**
   * Returns the reasons of a mask, strongest evidence first, mitigations last; the same immutable
   * list for the same mask (cached, so decisions need not build one per event).
   */
  public List<Reason> reasons(long mask) {
    List<Reason> cached = reasonLists.get(mask);
    if (cached != null) {
      return cached;
    }
    List<Rule<F>> fired = new ArrayList<>();
    for (int i = 0; i < array.length; i++) {
      if ((mask & (1L << i)) != 0) {
        fired.add(array[i]);
      }
    }
    fired.sort((a, b) -> Integer.compare(b.weight(), a.weight()));
    List<Reason> list = new ArrayList<>(fired.size());
    for (Rule<F> r : fired) {
      list.add(r.reason());
    }
    List<Reason> result = List.copyOf(list);
    if (reasonLists.size() < 100_000) {
      reasonLists.put(mask, result);
    }
    return result;
  }
}
