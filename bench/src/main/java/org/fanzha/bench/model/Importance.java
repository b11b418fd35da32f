package org.fanzha.bench.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.fanzha.engine.model.EntityModel;
import org.fanzha.engine.model.Forest;

/**
 * Prints what a trained model leans on: each input's mean absolute contribution over the training
 * rows.
 */
final class Importance {

  private Importance() {}

  static void print(String kind, Samples s, EntityModel model) {
    Forest f = model.forest();
    int d = s.inputs().size();
    float[] rows = s.rows();
    double[] mean = new double[d];
    int n = s.size();
    int step =
        Math.max(1, n / 20_000); // contributions cost trees · leaves · depth²: a sample is enough
    int used = 0;
    double[] x = new double[d];
    for (int i = 0; i < n; i += step) {
      for (int j = 0; j < d; j++) {
        x[j] = rows[i * d + j];
      }
      double[] phi = f.contributions(x);
      for (int j = 0; j < d; j++) {
        mean[j] += Math.abs(phi[j]);
      }
      used++;
    }
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      order.add(j);
    }
    order.sort(Comparator.comparingDouble(j -> -mean[j]));
    System.out.printf(
        "%s model: %,d rows (%,d positive), %d trees; mean |contribution| (log-odds) over %,d rows:%n",
        kind, n, s.positives(), f.trees(), used);
    for (int k = 0; k < Math.min(12, d); k++) {
      int j = order.get(k);
      System.out.printf("  %-24s %.3f%n", s.inputs().get(j), mean[j] / used);
    }
  }
}
