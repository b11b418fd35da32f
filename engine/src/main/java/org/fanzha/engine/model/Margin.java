package org.fanzha.engine.model;

/** A forest's margin as compiled code (see {@link CompiledForest}). */
public interface Margin {

  /** Returns the margin (log-odds) for feature vector {@code x}. */
  double of(double[] x);
}
