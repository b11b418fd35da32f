package org.fanzha.bench.model;

import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.List;
import java.util.Set;
import org.fanzha.engine.model.Inputs;
import org.fanzha.engine.model.VectorFill;

/**
 * Feature vectors of one kind as the rules saw them, labelled with the simulator's truth. An entity
 * is sampled at its 1st, 2nd, 4th, 8th … evaluation, so its early life (where detection must be
 * quick) weighs as much as its long history and no busy entity floods the set.
 */
final class Samples {

  private final List<String> inputs;
  private final VectorFill fill;
  private final Set<String> positives;
  private final double[] scratch;
  private final Object2IntOpenHashMap<String> seen = new Object2IntOpenHashMap<>();
  private final FloatArrayList rows = new FloatArrayList();
  private final FloatArrayList labels = new FloatArrayList();

  Samples(Class<?> holder, Set<String> positives, Set<String> excluded) {
    this.inputs = Inputs.candidates(holder).stream().filter(i -> !excluded.contains(i)).toList();
    try {
      this.fill = Inputs.compile(holder, inputs);
    } catch (org.fanzha.engine.model.ModelFileException e) {
      throw new IllegalStateException(e);
    }
    this.positives = positives;
    this.scratch = new double[inputs.size()];
  }

  /** Starts a new world: its entities are counted afresh and labelled by {@code truth}. */
  Samples world(Set<String> truth) {
    seen.clear();
    positives.clear();
    positives.addAll(truth);
    return this;
  }

  void offer(String entity, Object features) {
    int n = seen.addTo(entity, 1) + 1;
    if ((n & (n - 1)) != 0) {
      return;
    }
    fill.fill(features, scratch);
    for (double v : scratch) {
      rows.add((float) v);
    }
    labels.add(positives.contains(entity) ? 1f : 0f);
  }

  List<String> inputs() {
    return inputs;
  }

  int size() {
    return labels.size();
  }

  int positives() {
    int p = 0;
    for (int i = 0; i < labels.size(); i++) {
      p += labels.getFloat(i) > 0 ? 1 : 0;
    }
    return p;
  }

  float[] rows() {
    return rows.toFloatArray();
  }

  float[] labels() {
    return labels.toFloatArray();
  }
}
