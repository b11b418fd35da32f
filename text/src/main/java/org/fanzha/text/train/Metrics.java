package org.fanzha.text.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-class precision, recall and F1, macro-F1 and the confusion matrix of a set of (true,
 * predicted) label pairs.
 */
public final class Metrics {

  private final List<String> labels;
  private final long[][] confusion; // [true][predicted]

  /** Returns empty metrics over {@code labels} (predictions outside them are rejected). */
  public Metrics(List<String> labels) {
    this.labels = List.copyOf(labels);
    this.confusion = new long[labels.size()][labels.size()];
  }

  /** Counts one pair. */
  public void add(String truth, String predicted) {
    int t = labels.indexOf(truth);
    int p = labels.indexOf(predicted);
    if (t < 0 || p < 0) {
      throw new IllegalArgumentException(
          "label outside " + labels + ": " + truth + " / " + predicted);
    }
    confusion[t][p]++;
  }

  /** Returns the labels. */
  public List<String> labels() {
    return labels;
  }

  /** Returns the count of texts of label {@code truth} predicted as {@code predicted}. */
  public long count(String truth, String predicted) {
    return confusion[labels.indexOf(truth)][labels.indexOf(predicted)];
  }

  /** Returns the precision of label {@code k} (0 when it was never predicted). */
  public double precision(int k) {
    long tp = confusion[k][k];
    long col = 0;
    for (long[] row : confusion) {
      col += row[k];
    }
    return col == 0 ? 0 : (double) tp / col;
  }

  /** Returns the recall of label {@code k} (0 when it never occurs). */
  public double recall(int k) {
    long tp = confusion[k][k];
    long row = 0;
    for (long v : confusion[k]) {
      row += v;
    }
    return row == 0 ? 0 : (double) tp / row;
  }

  /** Returns the F1 of label {@code k}. */
  public double f1(int k) {
    double p = precision(k);
    double r = recall(k);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** Returns the number of texts whose true label is {@code k}. */
  public long support(int k) {
    long row = 0;
    for (long v : confusion[k]) {
      row += v;
    }
    return row;
  }

  /** Returns the mean F1 over the labels that occur. */
  public double macroF1() {
    double sum = 0;
    int n = 0;
    for (int k = 0; k < labels.size(); k++) {
      if (support(k) > 0) {
        sum += f1(k);
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /** Returns the share of texts predicted right. */
  public double accuracy() {
    long right = 0;
    long all = 0;
    for (int t = 0; t < labels.size(); t++) {
      for (int p = 0; p < labels.size(); p++) {
        all += confusion[t][p];
        if (t == p) {
          right += confusion[t][p];
        }
      }
    }
    return all == 0 ? 0 : (double) right / all;
  }

  /** Returns a table of per-label P/R/F1 and support, then macro-F1 and the confusion matrix. */
  public String report() {
    StringBuilder b = new StringBuilder();
    int w = 18;
    for (String l : labels) {
      w = Math.max(w, l.length() + 2);
    }
    b.append(
        String.format(
            "%-" + w + "s %9s %9s %9s %8s%n", "label", "precision", "recall", "f1", "support"));
    for (int k = 0; k < labels.size(); k++) {
      b.append(
          String.format(
              "%-" + w + "s %9.4f %9.4f %9.4f %8d%n",
              labels.get(k),
              precision(k),
              recall(k),
              f1(k),
              support(k)));
    }
    b.append(String.format("macro-F1 %.4f   accuracy %.4f%n", macroF1(), accuracy()));
    b.append("confusion (rows = true, columns = predicted):\n");
    List<String> heads = new ArrayList<>();
    for (int k = 0; k < labels.size(); k++) {
      heads.add("p" + k);
    }
    b.append(String.format("%-" + w + "s", ""));
    for (String h : heads) {
      b.append(String.format(" %6s", h));
    }
    b.append('\n');
    for (int t = 0; t < labels.size(); t++) {
      b.append(String.format("%-" + w + "s", t + " " + labels.get(t)));
      for (int p = 0; p < labels.size(); p++) {
        b.append(String.format(" %6d", confusion[t][p]));
      }
      b.append('\n');
    }
    return b.toString();
  }
}
