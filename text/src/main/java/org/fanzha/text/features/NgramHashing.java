package org.fanzha.text.features;

/**
 * Hashes character 1–3-grams of a normalised text into a fixed number of buckets.
 *
 * <p>Training and scoring both call {@link #bucket}, so a model's weight array is addressed the
 * same way in both; the function is a pure function of the chars and must never change for a
 * shipped model (a test pins some values). N-grams that contain a space are skipped: they join
 * unrelated words.
 */
public final class NgramHashing {

  /** The longest n-gram. */
  public static final int MAX_N = 3;

  private NgramHashing() {}

  /**
   * Returns the bucket of the n-gram of length {@code n} starting at {@code i}, in {@code [0,
   * 2^bits)}, or {@code -1} when it runs past the end or holds a space.
   */
  public static int bucket(char[] s, int i, int n, int bits) {
    if (i + n > s.length) {
      return -1;
    }
    long key = n;
    for (int k = 0; k < n; k++) {
      char c = s[i + k];
      if (c == ' ') {
        return -1;
      }
      key = (key << 16) | c;
    }
    return (int) (mix(key) >>> (64 - bits));
  }

  /**
   * Returns how many n-grams {@link #bucket} yields for {@code s} (the normaliser's denominator).
   */
  public static int count(char[] s) {
    int total = 0;
    for (int i = 0; i < s.length; i++) {
      for (int n = 1; n <= MAX_N; n++) {
        if (!valid(s, i, n)) {
          break; // a longer n-gram from i also runs out or holds the same space
        }
        total++;
      }
    }
    return total;
  }

  private static boolean valid(char[] s, int i, int n) {
    if (i + n > s.length) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (s[i + k] == ' ') {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the weight each n-gram occurrence gets: 1/sqrt(count), a cheap stand-in for L2 norm.
   */
  public static float occurrenceWeight(int count) {
    return count == 0 ? 0f : (float) (1.0 / Math.sqrt(count));
  }

  // Stafford's variant 13 of the MurmurHash3 finaliser: all 64 bits avalanche, so the top bits
  // taken above are as good as any.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
