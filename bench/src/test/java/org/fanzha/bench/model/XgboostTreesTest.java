package org.fanzha.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.fanzha.engine.model.Forest;
import org.junit.jupiter.api.Test;

/**
 * The forest read from XGBoost's dump against XGBoost itself: the same margins and the same
 * TreeSHAP values.
 */
class XgboostTreesTest {

  @Test
  void theCopiedForestGivesXgboostsMarginsAndContributions() throws Exception {
    int n = 3000;
    int d = 6;
    Random r = new Random(11);
    float[] rows = new float[n * d];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        rows[i * d + j] = r.nextInt(10) == 0 ? Float.NaN : (float) r.nextGaussian();
      }
      float a = Float.isNaN(rows[i * d]) ? 0 : rows[i * d];
      float b = Float.isNaN(rows[i * d + 1]) ? 1 : rows[i * d + 1];
      labels[i] = a * b + 0.3 * r.nextGaussian() > 0.2 ? 1 : 0;
    }
    DMatrix m = new DMatrix(rows, n, d, Float.NaN);
    m.setLabel(labels);
    Map<String, Object> p = new HashMap<>();
    p.put("objective", "binary:logistic");
    p.put("max_depth", 4);
    p.put("eta", 0.3);
    p.put("nthread", 1);
    p.put("seed", 3);
    Booster b = XGBoost.train(m, p, 20, new HashMap<>(), null, null);
    float[][] margins = b.predict(m, true);
    Forest f = XgboostTrees.forest(b.getModelDump((String) null, true), d, rows, margins);
    float[][] contrib = b.predictContrib(m, 0); // d contributions, then the bias
    double[] x = new double[d];
    for (int i = 0; i < 200; i++) {
      for (int j = 0; j < d; j++) {
        x[j] = rows[i * d + j];
      }
      assertThat(f.margin(x)).as("row %d", i).isCloseTo(margins[i][0], within(1e-4));
      double[] phi = f.contributions(x);
      for (int j = 0; j < d; j++) {
        assertThat(phi[j]).as("row %d, feature %d", i, j).isCloseTo(contrib[i][j], within(1e-3));
      }
      assertThat(f.expectedMargin()).isCloseTo(contrib[i][d], within(1e-3));
    }
  }
}
