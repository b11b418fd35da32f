package org.fanzha.engine.features;

/**
 * A trained model over one kind's features flyweight, as the flyweight asks it (see {@code
 * org.fanzha.engine.model}).
 */
public interface FeatureModel {

  /** Returns how long an input vector is. */
  int inputs();

  /**
   * Returns the probability the model gives the entity whose features {@code features} holds, using
   * {@code input} ({@link #inputs()} long) as scratch space.
   */
  double probability(Object features, double[] input);
}
