package org.fanzha.engine.model;

import it.unimi.dsi.fastutil.booleans.BooleanArrayList;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;

/**
 * A sum of binary regression trees (XGBoost's {@code gbtree}, as trained for {@code
 * binary:logistic}): the margin is {@code base + Σ leaf}, the probability its logistic. A node
 * sends a value left when {@code (float) x < threshold} (XGBoost compares in single precision) and
 * a missing value (NaN) its default way. Nodes of all trees sit in flat arrays; {@code cover} (the
 * training weight that reached a node) is kept for the contributions.
 */
public final class Forest {

  private final int features;
  private final double base;
  private final int[] roots;
  private final int[] feature; // -1 at a leaf
  private final float[] threshold;
  private final int[] left;
  private final int[] right;
  private final boolean[] missingLeft;
  private final double[] value; // a leaf's value
  private final double[] cover;
  private final int maxDepth;

  /**
   * Builds a forest from its node arrays.
   *
   * @throws IllegalArgumentException when a child index, a feature index or a cover is out of
   *     range, or a tree loops
   */
  public Forest(
      int features,
      double base,
      int[] roots,
      int[] feature,
      float[] threshold,
      int[] left,
      int[] right,
      boolean[] missingLeft,
      double[] value,
      double[] cover) {
    int n = feature.length;
    if (threshold.length != n
        || left.length != n
        || right.length != n
        || missingLeft.length != n
        || value.length != n
        || cover.length != n) {
      throw new IllegalArgumentException("every node array must have " + n + " entries");
    }
    this.features = features;
    this.base = base;
    this.roots = roots.clone();
    this.feature = feature.clone();
    this.threshold = threshold.clone();
    this.left = left.clone();
    this.right = right.clone();
    this.missingLeft = missingLeft.clone();
    this.value = value.clone();
    this.cover = cover.clone();
    int deepest = 0;
    for (int r : roots) {
      deepest = Math.max(deepest, depth(r, 0, n));
    }
    this.maxDepth = deepest;
  }

  private int depth(int node, int d, int n) {
    if (node < 0 || node >= n) {
      throw new IllegalArgumentException("node " + node + " does not exist");
    }
    if (d > 64) {
      throw new IllegalArgumentException(
          "a tree deeper than 64 levels (or a loop) at node " + node);
    }
    if (feature[node] < 0) {
      return d;
    }
    if (feature[node] >= features) {
      throw new IllegalArgumentException(
          "node " + node + " splits on feature " + feature[node] + " of " + features);
    }
    if (!(cover[node] > 0) || !(cover[left[node]] >= 0) || !(cover[right[node]] >= 0)) {
      throw new IllegalArgumentException("node " + node + " has no positive cover");
    }
    return Math.max(depth(left[node], d + 1, n), depth(right[node], d + 1, n));
  }

  /**
   * Collects a forest's nodes, tree by tree, in any order within a tree: {@link #startTree} marks a
   * root, {@link #addNode} reserves a node (a leaf of value 0 until set), {@link #split} and {@link
   * #leaf} fill it. Indices are the forest's, across trees.
   */
  public static final class Builder {
    private final int features;
    private final IntArrayList roots = new IntArrayList();
    private final IntArrayList feature = new IntArrayList();
    private final FloatArrayList threshold = new FloatArrayList();
    private final IntArrayList left = new IntArrayList();
    private final IntArrayList right = new IntArrayList();
    private final BooleanArrayList missingLeft = new BooleanArrayList();
    private final DoubleArrayList value = new DoubleArrayList();
    private final DoubleArrayList cover = new DoubleArrayList();

    public Builder(int features) {
      this.features = features;
    }

    /** Starts a tree whose root is the next node added; returns that index. */
    public int startTree() {
      roots.add(feature.size());
      return feature.size();
    }

    /** Reserves a node; returns its index. */
    public int addNode() {
      feature.add(-1);
      threshold.add(0f);
      left.add(-1);
      right.add(-1);
      missingLeft.add(false);
      value.add(0);
      cover.add(0);
      return feature.size() - 1;
    }

    /**
     * Makes node {@code n} a split: values below {@code at} (single precision) go {@code to}'s
     * left.
     */
    public Builder split(
        int n,
        int onFeature,
        float at,
        int toLeft,
        int toRight,
        boolean missingGoesLeft,
        double weight) {
      feature.set(n, onFeature);
      threshold.set(n, at);
      left.set(n, toLeft);
      right.set(n, toRight);
      missingLeft.set(n, missingGoesLeft);
      cover.set(n, weight);
      return this;
    }

    /** Makes node {@code n} a leaf adding {@code v} to the margin. */
    public Builder leaf(int n, double v, double weight) {
      feature.set(n, -1);
      value.set(n, v);
      cover.set(n, weight);
      return this;
    }

    /**
     * Returns the forest with base margin {@code base}.
     *
     * @throws IllegalArgumentException as {@link Forest#Forest} does
     */
    public Forest build(double base) {
      return new Forest(
          features,
          base,
          roots.toIntArray(),
          feature.toIntArray(),
          threshold.toFloatArray(),
          left.toIntArray(),
          right.toIntArray(),
          missingLeft.toBooleanArray(),
          value.toDoubleArray(),
          cover.toDoubleArray());
    }
  }

  // the node arrays as they are, for the file writer of this package only
  double base() {
    return base;
  }

  int[] roots() {
    return roots;
  }

  int[] feature() {
    return feature;
  }

  float[] threshold() {
    return threshold;
  }

  int[] left() {
    return left;
  }

  int[] right() {
    return right;
  }

  boolean[] missingLeft() {
    return missingLeft;
  }

  double[] value() {
    return value;
  }

  double[] cover() {
    return cover;
  }

  /** Returns how many features a vector has. */
  public int features() {
    return features;
  }

  /** Returns how many trees are summed. */
  public int trees() {
    return roots.length;
  }

  /** Returns the deepest leaf's depth. */
  public int maxDepth() {
    return maxDepth;
  }

  /** Returns the margin (log-odds) for feature vector {@code x}. */
  public double margin(double[] x) {
    double sum = base;
    for (int root : roots) {
      sum += value[leaf(root, x)];
    }
    return sum;
  }

  /** Returns the probability for {@code x}: the logistic of its margin. */
  public double probability(double[] x) {
    return 1 / (1 + Math.exp(-margin(x)));
  }

  private int leaf(int node, double[] x) {
    int n = node;
    while (feature[n] >= 0) {
      n = goesLeft(n, x[feature[n]]) ? left[n] : right[n];
    }
    return n;
  }

  private boolean goesLeft(int n, double v) {
    return Double.isNaN(v) ? missingLeft[n] : (float) v < threshold[n];
  }

  /**
   * Returns the margin expected over the training data: the base plus each tree's cover-weighted
   * mean leaf.
   */
  public double expectedMargin() {
    double sum = base;
    for (int root : roots) {
      sum += expected(root);
    }
    return sum;
  }

  private double expected(int n) {
    if (feature[n] < 0) {
      return value[n];
    }
    return (cover[left[n]] * expected(left[n]) + cover[right[n]] * expected(right[n])) / cover[n];
  }

  /**
   * Returns each feature's contribution to the margin for {@code x}: exact Shapley values of the
   * trees, computed by the path-dependent TreeSHAP algorithm (Lundberg, Erion and Lee, 2018) in
   * O(trees · leaves · depth²). They add up to {@code margin(x) − expectedMargin()}.
   */
  public double[] contributions(double[] x) {
    double[] phi = new double[features];
    TreeShap shap = new TreeShap(x, phi, maxDepth); // its path buffers serve every tree in turn
    for (int root : roots) {
      shap.walk(root, 0, 0, 1, 1, -1);
    }
    return phi;
  }

  /**
   * One tree's walk. The path holds, for each distinct feature split on above a node, the share of
   * training weight ("zero") and of this vector ("one", 0 or 1) that flows down it, and the weights
   * of the subsets of the path's features. Each depth has its own slice of the arrays, so a child
   * never overwrites its parent's path.
   */
  private final class TreeShap {
    private final double[] x;
    private final double[] phi;
    private final int stride;
    private final int[] pd;
    private final double[] pz;
    private final double[] po;
    private final double[] pw;

    TreeShap(double[] x, double[] phi, int maxDepth) {
      this.x = x;
      this.phi = phi;
      this.stride = maxDepth + 2;
      int size = stride * (maxDepth + 1);
      pd = new int[size];
      pz = new double[size];
      po = new double[size];
      pw = new double[size];
    }

    /**
     * Walks the subtree at {@code node}, at {@code depth}, below a parent whose path is {@code
     * parentLen} long.
     *
     * @param zero the share of training weight taking the edge into this node
     * @param one whether this vector takes it (1) or not (0)
     * @param splitFeature the feature of the split above, or −1 at the root
     */
    void walk(int node, int depth, int parentLen, double zero, double one, int splitFeature) {
      int at = depth * stride;
      if (depth > 0) {
        int from = at - stride;
        System.arraycopy(pd, from, pd, at, parentLen);
        System.arraycopy(pz, from, pz, at, parentLen);
        System.arraycopy(po, from, po, at, parentLen);
        System.arraycopy(pw, from, pw, at, parentLen);
      }
      int len = extend(at, parentLen, zero, one, splitFeature);
      if (feature[node] < 0) {
        for (int i = 1; i < len; i++) {
          phi[pd[at + i]] += unwoundSum(at, len, i) * (po[at + i] - pz[at + i]) * value[node];
        }
        return;
      }
      int f = feature[node];
      int hot = goesLeft(node, x[f]) ? left[node] : right[node];
      int cold = hot == left[node] ? right[node] : left[node];
      double zeroBefore = 1;
      double oneBefore = 1;
      for (int k = 1; k < len; k++) {
        if (pd[at + k] == f) { // the feature was split on above: undo that, and carry its shares on
          zeroBefore = pz[at + k];
          oneBefore = po[at + k];
          len = unwind(at, len, k);
          break;
        }
      }
      walk(hot, depth + 1, len, zeroBefore * cover[hot] / cover[node], oneBefore, f);
      walk(cold, depth + 1, len, zeroBefore * cover[cold] / cover[node], 0, f);
    }

    /**
     * Appends an element to the path at {@code at} of length {@code len}; returns the new length.
     */
    private int extend(int at, int len, double zero, double one, int f) {
      pd[at + len] = f;
      pz[at + len] = zero;
      po[at + len] = one;
      pw[at + len] = len == 0 ? 1 : 0;
      for (int i = len - 1; i >= 0; i--) {
        pw[at + i + 1] += one * pw[at + i] * (i + 1) / (len + 1);
        pw[at + i] = zero * pw[at + i] * (len - i) / (len + 1);
      }
      return len + 1;
    }

    /**
     * Removes element {@code i} from the path of length {@code len}, undoing its extension; returns
     * the length.
     */
    private int unwind(int at, int len, int i) {
      int last = len - 1;
      double one = po[at + i];
      double zero = pz[at + i];
      double n = pw[at + last];
      for (int j = last - 1; j >= 0; j--) {
        if (one != 0) {
          double t = pw[at + j];
          pw[at + j] = n * (last + 1) / ((j + 1) * one);
          n = t - pw[at + j] * zero * (last - j) / (last + 1);
        } else {
          pw[at + j] = pw[at + j] * (last + 1) / (zero * (last - j));
        }
      }
      for (int j = i; j < last; j++) {
        pd[at + j] = pd[at + j + 1];
        pz[at + j] = pz[at + j + 1];
        po[at + j] = po[at + j + 1];
      }
      return last;
    }

    /**
     * Returns the path's total weight with element {@code i} unwound, without changing the path.
     */
    private double unwoundSum(int at, int len, int i) {
      int last = len - 1;
      double one = po[at + i];
      double zero = pz[at + i];
      double n = pw[at + last];
      double total = 0;
      for (int j = last - 1; j >= 0; j--) {
        if (one != 0) {
          double t = n * (last + 1) / ((j + 1) * one);
          total += t;
          n = pw[at + j] - t * zero * (last - j) / (last + 1);
        } else {
          total += pw[at + j] * (last + 1) / (zero * (last - j));
        }
      }
      return total;
    }
  }

  @Override
  public String toString() {
    return "Forest["
        + roots.length
        + " trees, depth ≤ "
        + maxDepth
        + ", "
        + features
        + " features, "
        + feature.length
        + " nodes]";
  }
}
