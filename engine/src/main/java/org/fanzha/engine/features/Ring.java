package org.fanzha.engine.features;

/**
 * A sliding window kept as a ring of time buckets inside an entity's slice of an {@code int[]};
 * see {@link FeatureTable} for the design. Counters are 16-bit (two per int, saturating at 65,535)
 * or 32-bit. Immutable; one instance describes the layout for every entity of a table.
 */
public final class Ring {

  private final int headOffset;
  private final int base;
  private final int buckets;
  private final int wordsPerBucket;
  private final long bucketMs;

  /**
   * Describes a ring at {@code offset} in each entity's slice: one head word (the newest bucket
   * number) followed by {@code buckets × wordsPerBucket} counter words.
   */
  public Ring(int offset, int buckets, int wordsPerBucket, long bucketMs) {
    this.headOffset = offset;
    this.base = offset + 1;
    this.buckets = buckets;
    this.wordsPerBucket = wordsPerBucket;
    this.bucketMs = bucketMs;
  }

  /** Returns the number of int words this ring occupies per entity. */
  public int words() {
    return 1 + buckets * wordsPerBucket;
  }

  /** Returns the offset just after this ring, for laying out the next field. */
  public int end() {
    return headOffset + words();
  }

  /** Returns the length of time the window covers. */
  public long spanMs() {
    return bucketMs * buckets;
  }

  /** Returns the bucket number of an event time. */
  public int bucketOf(long ts) {
    return (int) Math.floorDiv(ts, bucketMs);
  }

  /**
   * Moves the ring of the entity at {@code e} (its slice start) forward to the bucket of {@code ts},
   * clearing expired buckets; returns the word index of that bucket's first counter, or -1 when
   * {@code ts} is older than the window (a late event that can no longer count).
   */
  public int slot(int[] a, int e, long ts) {
    int b = bucketOf(ts);
    int head = a[e + headOffset];
    if (head == 0) {
      a[e + headOffset] = b;
    } else if (b > head) {
      int clear = Math.min(buckets, b - head);
      for (int k = 1; k <= clear; k++) {
        int s = e + base + Math.floorMod(head + k, buckets) * wordsPerBucket;
        for (int w = 0; w < wordsPerBucket; w++) {
          a[s + w] = 0;
        }
      }
      a[e + headOffset] = b;
    } else if (b <= head - buckets) {
      return -1;
    }
    return e + base + Math.floorMod(b, buckets) * wordsPerBucket;
  }

  /** Adds to a 16-bit counter ({@code counter} counts halves from the bucket start), saturating. */
  public static void add16(int[] a, int slot, int counter, int delta) {
    if (slot < 0) {
      return;
    }
    int w = slot + (counter >> 1);
    int shift = (counter & 1) << 4;
    int v = ((a[w] >>> shift) & 0xFFFF) + delta;
    if (v > 0xFFFF) {
      v = 0xFFFF;
    }
    a[w] = (a[w] & ~(0xFFFF << shift)) | (v << shift);
  }

  /** Adds to a 32-bit counter ({@code word} counts words from the bucket start), saturating. */
  public static void add32(int[] a, int slot, int word, long delta) {
    if (slot < 0) {
      return;
    }
    long v = (a[slot + word] & 0xFFFF_FFFFL) + delta;
    a[slot + word] = (int) Math.min(v, 0xFFFF_FFFFL);
  }

  /** Returns the sum of a 16-bit counter over the buckets still inside the window at {@code now}. */
  public int sum16(int[] a, int e, int counter, long now) {
    int head = a[e + headOffset];
    if (head == 0) {
      return 0;
    }
    int nowB = Math.max(bucketOf(now), head);
    int w = counter >> 1;
    int shift = (counter & 1) << 4;
    int sum = 0;
    for (int s = 0; s < buckets; s++) {
      int bucketNo = head - Math.floorMod(head - s, buckets);
      if (bucketNo > nowB - buckets) {
        sum += (a[e + base + s * wordsPerBucket + w] >>> shift) & 0xFFFF;
      }
    }
    return sum;
  }

  /** Returns the sum of a 32-bit counter (unsigned) over the buckets inside the window at {@code now}. */
  public long sum32(int[] a, int e, int word, long now) {
    int head = a[e + headOffset];
    if (head == 0) {
      return 0;
    }
    int nowB = Math.max(bucketOf(now), head);
    long sum = 0;
    for (int s = 0; s < buckets; s++) {
      int bucketNo = head - Math.floorMod(head - s, buckets);
      if (bucketNo > nowB - buckets) {
        sum += a[e + base + s * wordsPerBucket + word] & 0xFFFF_FFFFL;
      }
    }
    return sum;
  }

  /**
   * Sums the first {@code counters} 16-bit counters over the window at {@code now} into {@code
   * out[0..counters)} in one pass over the buckets (what a rule evaluation needs at once); a 32-bit
   * word {@code w} may be summed alongside into {@code outWords[w - firstWord]} for words from
   * {@code firstWord} on.
   */
  public void sumAll(int[] a, int e, long now, int[] out, int counters, long[] outWords, int firstWord) {
    java.util.Arrays.fill(out, 0, counters, 0);
    java.util.Arrays.fill(outWords, 0);
    int head = a[e + headOffset];
    if (head == 0) {
      return;
    }
    int nowB = Math.max(bucketOf(now), head);
    int words = (counters + 1) >> 1;
    for (int s = 0; s < buckets; s++) {
      int bucketNo = head - Math.floorMod(head - s, buckets);
      if (bucketNo <= nowB - buckets) {
        continue;
      }
      int w0 = e + base + s * wordsPerBucket;
      for (int w = 0; w < words; w++) {
        int v = a[w0 + w];
        out[2 * w] += v & 0xFFFF;
        if (2 * w + 1 < counters) {
          out[2 * w + 1] += v >>> 16;
        }
      }
      for (int k = 0; k < outWords.length; k++) {
        outWords[k] += a[w0 + firstWord + k] & 0xFFFF_FFFFL;
      }
    }
  }
}
