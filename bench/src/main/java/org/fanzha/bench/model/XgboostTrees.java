package org.fanzha.bench.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fanzha.engine.model.Forest;

/**
 * Reads XGBoost's text dump (with statistics) into a {@link Forest}, and proves the copy: the forest's margins must
 * match XGBoost's on every training row.
 */
final class XgboostTrees {

  private static final Pattern SPLIT = Pattern.compile(
      "^\\s*(\\d+):\\[f(\\d+)<([^\\]]+)\\] yes=(\\d+),no=(\\d+),missing=(\\d+),gain=[^,]+,cover=(\\S+)$");
  private static final Pattern LEAF = Pattern.compile("^\\s*(\\d+):leaf=([^,]+),cover=(\\S+)$");

  private XgboostTrees() {}

  /**
   * Returns the forest of {@code dump}, its base margin found from XGBoost's {@code margins} of {@code rows}.
   *
   * @throws IllegalStateException when a line is not understood or the forest disagrees with XGBoost on a row
   */
  static Forest forest(String[] dump, int features, float[] rows, float[][] margins) {
    List<Integer> feature = new ArrayList<>();
    List<Float> threshold = new ArrayList<>();
    List<Integer> left = new ArrayList<>();
    List<Integer> right = new ArrayList<>();
    List<Boolean> missingLeft = new ArrayList<>();
    List<Double> value = new ArrayList<>();
    List<Double> cover = new ArrayList<>();
    int[] roots = new int[dump.length];
    for (int t = 0; t < dump.length; t++) {
      int from = feature.size();
      roots[t] = from;
      Map<Integer, Integer> index = new HashMap<>(); // XGBoost's node id → ours
      String[] lines = dump[t].split("\n");
      for (String line : lines) {
        if (!line.isBlank()) {
          index.put(Integer.parseInt(line.substring(0, line.indexOf(':')).trim()), from + index.size());
        }
      }
      for (int i = 0; i < index.size(); i++) {
        feature.add(-1);
        threshold.add(0f);
        left.add(-1);
        right.add(-1);
        missingLeft.add(false);
        value.add(0.0);
        cover.add(0.0);
      }
      for (String line : lines) {
        if (line.isBlank()) {
          continue;
        }
        Matcher s = SPLIT.matcher(line);
        Matcher l = LEAF.matcher(line);
        if (s.matches()) {
          int at = index.get(Integer.parseInt(s.group(1)));
          int yes = index.get(Integer.parseInt(s.group(4)));
          feature.set(at, Integer.parseInt(s.group(2)));
          threshold.set(at, Float.parseFloat(s.group(3)));
          left.set(at, yes - from);
          right.set(at, index.get(Integer.parseInt(s.group(5))) - from);
          missingLeft.set(at, index.get(Integer.parseInt(s.group(6))) == yes);
          cover.set(at, Double.parseDouble(s.group(7)));
        } else if (l.matches()) {
          int at = index.get(Integer.parseInt(l.group(1)));
          value.set(at, Double.parseDouble(l.group(2)));
          cover.set(at, Double.parseDouble(l.group(3)));
        } else {
          throw new IllegalStateException("tree " + t + ": not a split or a leaf: " + line);
        }
      }
    }
    Forest noBase = build(features, 0, roots, feature, threshold, left, right, missingLeft, value, cover);
    double[] x = new double[features];
    row(rows, 0, x);
    double base = margins[0][0] - noBase.margin(x);
    Forest forest = build(features, base, roots, feature, threshold, left, right, missingLeft, value, cover);
    int n = margins.length;
    for (int i = 0; i < n; i++) {
      row(rows, i, x);
      double ours = forest.margin(x);
      if (Math.abs(ours - margins[i][0]) > 1e-3) {
        throw new IllegalStateException("row " + i + ": the forest gives " + ours + ", XGBoost " + margins[i][0]);
      }
    }
    return forest;
  }

  private static void row(float[] rows, int i, double[] x) {
    for (int j = 0; j < x.length; j++) {
      x[j] = rows[i * x.length + j];
    }
  }

  private static Forest build(int features, double base, int[] roots, List<Integer> feature, List<Float> threshold,
      List<Integer> left, List<Integer> right, List<Boolean> missingLeft, List<Double> value, List<Double> cover) {
    int n = feature.size();
    int[] f = new int[n];
    float[] t = new float[n];
    int[] l = new int[n];
    int[] r = new int[n];
    boolean[] m = new boolean[n];
    double[] v = new double[n];
    double[] c = new double[n];
    int tree = 0;
    for (int i = 0; i < n; i++) {
      while (tree + 1 < roots.length && roots[tree + 1] <= i) {
        tree++;
      }
      int from = roots[tree];
      f[i] = feature.get(i);
      t[i] = threshold.get(i);
      l[i] = left.get(i) < 0 ? -1 : from + left.get(i);
      r[i] = right.get(i) < 0 ? -1 : from + right.get(i);
      m[i] = missingLeft.get(i);
      v[i] = value.get(i);
      c[i] = cover.get(i);
    }
    return new Forest(features, base, roots, f, t, l, r, m, v, c);
  }
}
