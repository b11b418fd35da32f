package org.fanzha.bench.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fanzha.engine.model.Forest;

/**
 * Reads XGBoost's text dump (with statistics) into a {@link Forest}, and proves the copy: the
 * forest's margins must match XGBoost's on every training row.
 */
final class XgboostTrees {

  private static final Pattern SPLIT =
      Pattern.compile(
          "^\\s*(\\d+):\\[f(\\d+)<([^\\]]+)\\] yes=(\\d+),no=(\\d+),missing=(\\d+),gain=[^,]+,cover=(\\S+)$");
  private static final Pattern LEAF = Pattern.compile("^\\s*(\\d+):leaf=([^,]+),cover=(\\S+)$");

  private XgboostTrees() {}

  /**
   * Returns the forest of {@code dump}, its base margin found from XGBoost's {@code margins} of
   * {@code rows}.
   *
   * @throws IllegalStateException when a line is not understood or the forest disagrees with
   *     XGBoost on a row
   */
  static Forest forest(String[] dump, int features, float[] rows, float[][] margins) {
    Forest.Builder b = new Forest.Builder(features);
    for (int t = 0; t < dump.length; t++) {
      int from = b.startTree();
      Map<Integer, Integer> index = new HashMap<>(); // XGBoost's node id → ours
      String[] lines = dump[t].split("\n");
      for (String line : lines) {
        if (!line.isBlank()) {
          index.put(
              Integer.parseInt(line.substring(0, line.indexOf(':')).trim()), from + index.size());
          b.addNode();
        }
      }
      for (String line : lines) {
        if (line.isBlank()) {
          continue;
        }
        Matcher s = SPLIT.matcher(line);
        Matcher l = LEAF.matcher(line);
        if (s.matches()) {
          int yes = Objects.requireNonNull(index.get(Integer.parseInt(s.group(4))));
          b.split(
              Objects.requireNonNull(index.get(Integer.parseInt(s.group(1)))),
              Integer.parseInt(s.group(2)),
              Float.parseFloat(s.group(3)),
              yes,
              Objects.requireNonNull(index.get(Integer.parseInt(s.group(5)))),
              Objects.requireNonNull(index.get(Integer.parseInt(s.group(6)))) == yes,
              Double.parseDouble(s.group(7)));
        } else if (l.matches()) {
          b.leaf(
              Objects.requireNonNull(index.get(Integer.parseInt(l.group(1)))),
              Double.parseDouble(l.group(2)),
              Double.parseDouble(l.group(3)));
        } else {
          throw new IllegalStateException("tree " + t + ": not a split or a leaf: " + line);
        }
      }
    }
    double[] x = new double[features];
    row(rows, 0, x);
    Forest forest = b.build(margins[0][0] - b.build(0).margin(x));
    for (int i = 0; i < margins.length; i++) {
      row(rows, i, x);
      double ours = forest.margin(x);
      if (Math.abs(ours - margins[i][0]) > 1e-3) {
        throw new IllegalStateException(
            "row " + i + ": the forest gives " + ours + ", XGBoost " + margins[i][0]);
      }
    }
    return forest;
  }

  private static void row(float[] rows, int i, double[] x) {
    for (int j = 0; j < x.length; j++) {
      x[j] = rows[i * x.length + j];
    }
  }
}
