package org.fanzha.text.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.fanzha.text.features.NgramHashing;
import org.fanzha.text.features.Signal;

/**
 * A one-vs-rest linear model: for each label a weight per hashed n-gram bucket, a weight per {@link
 * Signal} and a bias. Immutable and thread-safe.
 *
 * <p>Rows are laid out bucket-major ({@code weights[row * labels + k]}), so the weights of all
 * labels for one n-gram share a cache line or two and one pass over the text scores every label.
 * Row {@code 2^bits + s} holds signal {@code s}. A text's n-gram occurrences each count {@code
 * 1/sqrt(n)} for {@code n} n-grams in the text, signals count 1 — the same values the trainer fed
 * to LIBLINEAR, so scores here equal its decision values up to the 16-bit quantisation of the file.
 */
public final class LinearTextModel {

  private static final int MAGIC = 0x465A544D; // "FZTM"
  private static final int VERSION = 1;

  private final String[] labels;
  private final int bits;
  private final float[] weights;
  private final float[] bias;

  /**
   * Returns a model.
   *
   * @param labels label names, one per class
   * @param bits n-gram buckets are {@code 2^bits}
   * @param weights {@code (2^bits + Signal.COUNT) * labels.size()} weights, bucket-major
   * @param bias one per label
   */
  public LinearTextModel(List<String> labels, int bits, float[] weights, float[] bias) {
    int k = labels.size();
    if (bits < 4 || bits > 26) {
      throw new IllegalArgumentException("bits must be 4..26, was " + bits);
    }
    if (weights.length != ((1 << bits) + Signal.COUNT) * k || bias.length != k) {
      throw new IllegalArgumentException(
          "expected "
              + ((1 << bits) + Signal.COUNT) * k
              + " weights and "
              + k
              + " biases, got "
              + weights.length
              + " and "
              + bias.length);
    }
    this.labels = labels.toArray(new String[0]);
    this.bits = bits;
    this.weights = weights;
    this.bias = bias;
  }

  /** Returns the label names. */
  public List<String> labels() {
    return List.of(labels);
  }

  /** Returns the number of labels. */
  public int labelCount() {
    return labels.length;
  }

  /** Returns the label name at {@code k}. */
  public String label(int k) {
    return labels[k];
  }

  /** Returns {@code log2} of the bucket count. */
  public int bits() {
    return bits;
  }

  /** Returns the weight of bucket (or signal row) {@code row} for label {@code k}. */
  public float weight(int row, int k) {
    return weights[row * labels.length + k];
  }

  /** Returns the row of a signal. */
  public int signalRow(Signal s) {
    return (1 << bits) + s.ordinal();
  }

  /**
   * Writes the decision value of every label into {@code out} (length ≥ {@link #labelCount()}) and
   * returns the number of n-grams counted.
   */
  public int decisionValues(char[] norm, int signalMask, float[] out) {
    int k = labels.length;
    Arrays.fill(out, 0, k, 0f);
    int count = 0;
    float[] w = weights;
    for (int i = 0; i < norm.length; i++) {
      for (int n = 1; n <= NgramHashing.MAX_N; n++) {
        int b = NgramHashing.bucket(norm, i, n, bits);
        if (b < 0) {
          break;
        }
        count++;
        int base = b * k;
        for (int c = 0; c < k; c++) {
          out[c] += w[base + c];
        }
      }
    }
    float scale = NgramHashing.occurrenceWeight(count);
    for (int c = 0; c < k; c++) {
      out[c] = out[c] * scale + bias[c];
    }
    int m = signalMask;
    while (m != 0) {
      int s = Integer.numberOfTrailingZeros(m);
      m &= m - 1;
      int base = ((1 << bits) + s) * k;
      for (int c = 0; c < k; c++) {
        out[c] += w[base + c];
      }
    }
    return count;
  }

  /** Writes the model, gzip-compressed, with weights quantised to 16 bits per label. */
  public void write(OutputStream os) throws IOException {
    int k = labels.length;
    int rows = (1 << bits) + Signal.COUNT;
    GZIPOutputStream gz = new GZIPOutputStream(os, 1 << 16);
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(bits);
    out.writeInt(Signal.COUNT);
    out.writeInt(k);
    for (String l : labels) {
      out.writeUTF(l);
    }
    for (float b : bias) {
      out.writeFloat(b);
    }
    float[] scale = new float[k];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < k; c++) {
        scale[c] = Math.max(scale[c], Math.abs(weights[r * k + c]));
      }
    }
    for (int c = 0; c < k; c++) {
      scale[c] = scale[c] == 0 ? 1f : scale[c] / Short.MAX_VALUE;
      out.writeFloat(scale[c]);
    }
    // Label-major on disk: one label's weights are alike in size, which gzip rewards.
    for (int c = 0; c < k; c++) {
      for (int r = 0; r < rows; r++) {
        out.writeShort(Math.round(weights[r * k + c] / scale[c]));
      }
    }
    out.flush();
    gz.finish();
  }

  /** Reads a model written by {@link #write}. */
  public static LinearTextModel read(InputStream is) throws IOException {
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(new GZIPInputStream(is, 1 << 16), 1 << 16));
    if (in.readInt() != MAGIC) {
      throw new IOException("not a Fanzha text model (bad magic)");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("unsupported model version " + version);
    }
    int bits = in.readInt();
    int signals = in.readInt();
    if (signals != Signal.COUNT) {
      throw new IOException(
          "model has " + signals + " signals, this code " + Signal.COUNT + ": retrain it");
    }
    int k = in.readInt();
    String[] labels = new String[k];
    for (int c = 0; c < k; c++) {
      labels[c] = in.readUTF();
    }
    float[] bias = new float[k];
    for (int c = 0; c < k; c++) {
      bias[c] = in.readFloat();
    }
    float[] scale = new float[k];
    for (int c = 0; c < k; c++) {
      scale[c] = in.readFloat();
    }
    int rows = (1 << bits) + signals;
    float[] w = new float[rows * k];
    for (int c = 0; c < k; c++) {
      for (int r = 0; r < rows; r++) {
        w[r * k + c] = in.readShort() * scale[c];
      }
    }
    return new LinearTextModel(List.of(labels), bits, w, bias);
  }
}
