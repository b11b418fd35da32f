package org.fanzha.engine.model;

/**
 * Copies a model's inputs out of a features flyweight, in the model's order; generated per model
 * (see {@link Inputs}).
 */
public interface VectorFill {

  /**
   * Writes the inputs of {@code features} into {@code x}: numbers as they are, booleans as 0 or 1.
   */
  void fill(Object features, double[] x);
}
