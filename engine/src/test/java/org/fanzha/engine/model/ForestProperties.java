package org.fanzha.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The contributions of random forests against their definition: Shapley values of the
 * path-dependent expectation, enumerated over every subset of features (feasible for a few
 * features), and their sum against the margin.
 */
class ForestProperties {

  @Property(tries = 300)
  void contributionsAreTheShapleyValuesOfThePathDependentExpectation(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 5) int features,
      @ForAll @IntRange(min = 1, max = 4) int trees,
      @ForAll @IntRange(min = 1, max = 5) int depth) {
    Random r = new Random(seed);
    Nodes n = Nodes.random(r, features, trees, depth);
    Forest f = n.forest(features);
    double[] x = randomVector(r, features);
    double[] phi = f.contributions(x);
    double[] exact = bruteForceShapley(n, features, x);
    for (int i = 0; i < features; i++) {
      assertThat(phi[i]).as("feature %d", i).isCloseTo(exact[i], within(1e-9));
    }
  }

  @Property(tries = 300)
  void contributionsAddUpToTheMarginLessItsExpectation(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 30) int features,
      @ForAll @IntRange(min = 1, max = 20) int trees,
      @ForAll @IntRange(min = 1, max = 7) int depth) {
    Random r = new Random(seed);
    Forest f = randomForest(r, features, trees, depth);
    double[] x = randomVector(r, features);
    double sum = 0;
    for (double c : f.contributions(x)) {
      sum += c;
    }
    assertThat(sum + f.expectedMargin()).isCloseTo(f.margin(x), within(1e-9));
  }

  @Property(tries = 100)
  void theCompiledForestGivesTheSameMarginToTheBit(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 30) int features,
      @ForAll @IntRange(min = 1, max = 20) int trees,
      @ForAll @IntRange(min = 1, max = 7) int depth) {
    Random r = new Random(seed);
    Forest f = randomForest(r, features, trees, depth);
    Margin compiled = CompiledForest.compile(f);
    for (int i = 0; i < 50; i++) {
      double[] x = randomVector(r, features);
      if (i % 5 == 0) { // values on the thresholds themselves
        for (int j = 0; j < features; j++) {
          x[j] = Float.intBitsToFloat(Float.floatToIntBits((float) x[j]));
        }
      }
      assertThat(compiled.of(x)).isEqualTo(f.margin(x));
    }
  }

  @Property(tries = 200)
  void aFeatureNoTreeSplitsOnContributesNothing(
      @ForAll long seed, @ForAll @IntRange(min = 2, max = 10) int features) {
    Random r = new Random(seed);
    Forest wider =
        Nodes.random(r, features - 1, 3, 4).forest(features); // the last feature is never split on
    double[] x = randomVector(r, features);
    assertThat(wider.contributions(x)[features - 1]).isEqualTo(0.0);
  }

  // ---- the definition, by enumeration ----

  private static double[] bruteForceShapley(Nodes f, int m, double[] x) {
    double[] phi = new double[m];
    for (int i = 0; i < m; i++) {
      for (int s = 0; s < (1 << m); s++) {
        if ((s & (1 << i)) != 0) {
          continue;
        }
        int size = Integer.bitCount(s);
        double weight = factorial(size) * factorial(m - size - 1) / factorial(m);
        phi[i] += weight * (f.conditionalMargin(x, s | (1 << i)) - f.conditionalMargin(x, s));
      }
    }
    return phi;
  }

  private static double factorial(int n) {
    double p = 1;
    for (int i = 2; i <= n; i++) {
      p *= i;
    }
    return p;
  }

  // ---- random forests ----

  static Forest randomForest(Random r, int features, int trees, int maxDepth) {
    return Nodes.random(r, features, trees, maxDepth).forest(features);
  }

  static double[] randomVector(Random r, int features) {
    double[] x = new double[features];
    for (int i = 0; i < features; i++) {
      x[i] = r.nextInt(8) == 0 ? Double.NaN : r.nextDouble();
    }
    return x;
  }

  private static final class Nodes {
    final List<Integer> feature = new ArrayList<>();
    final List<Float> threshold = new ArrayList<>();
    final List<Integer> left = new ArrayList<>();
    final List<Integer> right = new ArrayList<>();
    final List<Boolean> missingLeft = new ArrayList<>();
    final List<Double> value = new ArrayList<>();
    final List<Double> cover = new ArrayList<>();
    int[] roots;
    double base;

    static Nodes random(Random r, int features, int trees, int maxDepth) {
      Nodes n = new Nodes();
      n.roots = new int[trees];
      for (int t = 0; t < trees; t++) {
        n.roots[t] = n.grow(r, features, maxDepth, 0, 100 + r.nextInt(1000));
      }
      n.base = r.nextGaussian();
      return n;
    }

    /**
     * The margin expected when only the features in {@code known} (a bit set) are known: at a split
     * on a known feature follow {@code x}, at any other average both sides by the training weight
     * that took them.
     */
    double conditionalMargin(double[] x, int known) {
      double sum = base;
      for (int root : roots) {
        sum += expect(root, x, known);
      }
      return sum;
    }

    private double expect(int n, double[] x, int known) {
      int f = feature.get(n);
      if (f < 0) {
        return value.get(n);
      }
      if ((known & (1 << f)) != 0) {
        double v = x[f];
        boolean goLeft = Double.isNaN(v) ? missingLeft.get(n) : (float) v < threshold.get(n);
        return expect(goLeft ? left.get(n) : right.get(n), x, known);
      }
      return (cover.get(left.get(n)) * expect(left.get(n), x, known)
              + cover.get(right.get(n)) * expect(right.get(n), x, known))
          / cover.get(n);
    }

    int grow(Random r, int features, int maxDepth, int depth, double weight) {
      int id = feature.size();
      feature.add(-1);
      threshold.add(0f);
      left.add(-1);
      right.add(-1);
      missingLeft.add(false);
      value.add(r.nextGaussian());
      cover.add(weight);
      if (depth < maxDepth && (depth == 0 || r.nextInt(4) != 0)) {
        double share = 0.05 + 0.9 * r.nextDouble();
        int l = grow(r, features, maxDepth, depth + 1, weight * share);
        int rt = grow(r, features, maxDepth, depth + 1, weight * (1 - share));
        feature.set(id, r.nextInt(features));
        threshold.set(id, r.nextFloat());
        left.set(id, l);
        right.set(id, rt);
        missingLeft.set(id, r.nextBoolean());
      }
      return id;
    }

    Forest forest(int features) {
      Forest.Builder b = new Forest.Builder(features);
      for (int t = 0; t < roots.length; t++) { // trees were grown one after another, in pre-order
        b.startTree();
        int end = t + 1 < roots.length ? roots[t + 1] : feature.size();
        for (int i = roots[t]; i < end; i++) {
          b.addNode();
        }
      }
      for (int i = 0; i < feature.size(); i++) {
        if (feature.get(i) < 0) {
          b.leaf(i, value.get(i), cover.get(i));
        } else {
          b.split(
              i,
              feature.get(i),
              threshold.get(i),
              left.get(i),
              right.get(i),
              missingLeft.get(i),
              cover.get(i));
        }
      }
      return b.build(base);
    }
  }
}
