package org.fanzha.sim.eval;

import java.util.Set;

/**
 * Precision, recall and F1 of a predicted entity set against a true one (one role of one entity
 * kind). Empty cases are defined, not NaN: precision is 1 when nothing was predicted, recall is 1
 * when nothing was to be found.
 *
 * @param truePositives predicted and true
 * @param falsePositives predicted but not true
 * @param falseNegatives true but not predicted
 */
public record RoleScore(long truePositives, long falsePositives, long falseNegatives) {

  public RoleScore {
    if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
      throw new IllegalArgumentException("counts must be ≥ 0");
    }
  }

  /** Returns the score of {@code predicted} against {@code truth}. */
  public static RoleScore of(Set<String> predicted, Set<String> truth) {
    long tp = 0;
    for (String p : predicted) {
      if (truth.contains(p)) {
        tp++;
      }
    }
    return new RoleScore(tp, predicted.size() - tp, truth.size() - tp);
  }

  /** Returns tp / (tp + fp), or 1 when nothing was predicted. */
  public double precision() {
    long d = truePositives + falsePositives;
    return d == 0 ? 1.0 : (double) truePositives / d;
  }

  /** Returns tp / (tp + fn), or 1 when there was nothing to find. */
  public double recall() {
    long d = truePositives + falseNegatives;
    return d == 0 ? 1.0 : (double) truePositives / d;
  }

  /** Returns the harmonic mean of precision and recall (0 when both are 0). */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }

  /** Returns the sum of two scores (micro-averaging). */
  public RoleScore plus(RoleScore other) {
    return new RoleScore(
        truePositives + other.truePositives,
        falsePositives + other.falsePositives,
        falseNegatives + other.falseNegatives);
  }
}
