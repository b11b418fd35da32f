package org.fanzha.text.train;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import java.util.Arrays;
import org.fanzha.text.features.NgramHashing;
import org.fanzha.text.features.Signal;
import org.fanzha.text.features.SignalDetector;
import org.fanzha.text.features.TextNormalizer;

/**
 * Turns a text into LIBLINEAR's sparse features, with exactly the values the scoring path of {@link
 * org.fanzha.text.model.LinearTextModel} uses: each n-gram bucket gets {@code count / sqrt(n)},
 * each signal 1. LIBLINEAR indices are 1-based: bucket {@code b} is index {@code b + 1}, signal
 * {@code s} is {@code 2^bits + s + 1}.
 */
public final class FeatureEncoder {

  private final int bits;
  private final SignalDetector detector;

  /** Returns an encoder into {@code 2^bits} buckets plus the signals. */
  public FeatureEncoder(int bits, SignalDetector detector) {
    this.bits = bits;
    this.detector = detector;
  }

  /** Returns the number of features (LIBLINEAR's {@code n}, bias excluded). */
  public int featureCount() {
    return (1 << bits) + Signal.COUNT;
  }

  /** Returns the features of {@code text}, sorted by index. */
  public Feature[] encode(String text) {
    char[] norm = TextNormalizer.normalize(text);
    int[] buckets = new int[norm.length * NgramHashing.MAX_N];
    int count = 0;
    for (int i = 0; i < norm.length; i++) {
      for (int n = 1; n <= NgramHashing.MAX_N; n++) {
        int b = NgramHashing.bucket(norm, i, n, bits);
        if (b < 0) {
          break;
        }
        buckets[count++] = b;
      }
    }
    Arrays.sort(buckets, 0, count);
    float w = NgramHashing.occurrenceWeight(count);
    int mask = detector.mask(text, norm);
    Feature[] out = new Feature[count + Integer.bitCount(mask)];
    int m = 0;
    for (int i = 0; i < count; ) {
      int j = i;
      while (j < count && buckets[j] == buckets[i]) {
        j++;
      }
      out[m++] = new FeatureNode(buckets[i] + 1, (j - i) * (double) w);
      i = j;
    }
    for (int s = 0; s < Signal.COUNT; s++) {
      if ((mask & (1 << s)) != 0) {
        out[m++] = new FeatureNode((1 << bits) + s + 1, 1.0);
      }
    }
    return Arrays.copyOf(out, m);
  }
}
