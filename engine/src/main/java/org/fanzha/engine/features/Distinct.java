package org.fanzha.engine.features;

/**
 * A distinct-count sketch (linear counting over a small bitmap) in two generations, inside an
 * entity's slice of an {@code int[]}; see {@link FeatureTable} for the design. The estimate covers
 * the current and the previous generation, so it sees between one and two generation lengths of
 * history. Immutable layout descriptor.
 */
public final class Distinct {

  private final int offset;
  private final int words;
  private final int bits;
  private final long generationMs;
  private final int[] estimates;

  /**
   * Describes a sketch at {@code offset}: one stamp word, then two bitmaps of {@code words} ints
   * ({@code words} a power of two).
   */
  public Distinct(int offset, int words, long generationMs) {
    if (Integer.bitCount(words) != 1) {
      throw new IllegalArgumentException("words must be a power of two: " + words);
    }
    this.offset = offset;
    this.words = words;
    this.bits = words * 32;
    this.generationMs = generationMs;
    this.estimates = table(bits);
  }

  /** Returns the number of int words this sketch occupies per entity. */
  public int wordsUsed() {
    return 1 + 2 * words;
  }

  /** Returns the offset just after this sketch. */
  public int end() {
    return offset + wordsUsed();
  }

  /** Records {@code item} (any well-spread hash, e.g. {@link #mix}) seen at {@code ts}. */
  public void add(int[] a, int e, long ts, int item) {
    int g = (int) Math.floorDiv(ts, generationMs) + 1; // +1 so a stamp of 0 means empty
    int stamp = a[e + offset];
    int cur = e + offset + 1;
    int prev = cur + words;
    if (g > stamp) {
      if (g == stamp + 1 && stamp != 0) {
        System.arraycopy(a, cur, a, prev, words);
      } else {
        clear(a, prev);
      }
      clear(a, cur);
      a[e + offset] = g;
    } else if (g < stamp - 1) {
      return; // older than both generations
    }
    int target = g == stamp - 1 ? prev : cur;
    int bit = item & (bits - 1);
    a[target + (bit >>> 5)] |= 1 << (bit & 31);
  }

  /**
   * Returns the estimated number of distinct items in the generations still current at {@code now}.
   */
  public int estimate(int[] a, int e, long now) {
    int g = (int) Math.floorDiv(now, generationMs) + 1;
    int stamp = a[e + offset];
    if (stamp == 0 || g > stamp + 1) {
      return 0;
    }
    int cur = e + offset + 1;
    int prev = cur + words;
    boolean usePrev = g <= stamp;
    int ones = 0;
    for (int w = 0; w < words; w++) {
      int v = g == stamp + 1 ? a[cur + w] : a[cur + w] | (usePrev ? a[prev + w] : 0);
      ones += Integer.bitCount(v);
    }
    return estimates[bits - ones];
  }

  /** Linear-counting estimates by number of zero bits, precomputed (saves a log per read). */
  private static int[] table(int bits) {
    int[] t = new int[bits + 1];
    t[0] = (int) Math.round(bits * Math.log(bits)); // saturated: the most the bitmap can tell
    for (int z = 1; z <= bits; z++) {
      t[z] = (int) Math.round(bits * Math.log((double) bits / z));
    }
    return t;
  }

  private void clear(int[] a, int from) {
    for (int w = 0; w < words; w++) {
      a[from + w] = 0;
    }
  }

  /** Returns a well-spread 32-bit hash of an int id (the murmur3 finaliser). */
  public static int mix(int x) {
    int h = x * 0x9E3779B9;
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }
}
