package org.fanzha.engine.features;

import org.jspecify.annotations.Nullable;

/**
 * A flyweight's model score: computed at most once per load and only when a rule asks for it, so
 * rules that test cheap features first pay for the model only on the entities that pass them.
 */
final class ModelSlot {

  private @Nullable FeatureModel model;
  private double[] input = new double[0];
  private boolean scored;
  private double score;

  /** Scores with {@code m} (none: the score is missing) from the next load on. */
  void use(@Nullable FeatureModel m) {
    if (m != model) {
      model = m;
      input = new double[m == null ? 0 : m.inputs()];
    }
  }

  /** Forgets the score of the previous load. */
  void reset() {
    scored = false;
  }

  /** Makes the score of this load missing, whatever the model: nothing here for it to read. */
  void none() {
    score = Double.NaN;
    scored = true;
  }

  /**
   * Returns the model's probability for {@code features}, or NaN (missing: rules comparing it are
   * false) without a model.
   */
  double score(Object features) {
    if (!scored) {
      score = model == null ? Double.NaN : model.probability(features, input);
      scored = true;
    }
    return score;
  }
}
