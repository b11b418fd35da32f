package org.fanzha.engine.features;

/**
 * A sliding window kept as a ring of time buckets inside an entity's slice of an {@code int[]}; see
 * {@link FeatureTable} for the design. A bucket is a run of 16-bit halves: 16-bit counters
 * (saturating at 65,535) packed back to back, so a bucket of nine counters takes four and a half
 * ints rather than five, and, when a bucket has an even number of halves, 32-bit words after the
 * counters. Immutable; one instance describes the layout for every entity of a table.
 */
public final class Ring {

  private final int headOffset;
  private final int base2; // first counter, in halves from the slice start
  private final int buckets;
  private final int halvesPerBucket;
  private final long bucketMs;

  /**
   * Describes a ring at {@code offset} (in ints) in each entity's slice: one head word (the newest
   * bucket number) followed by {@code buckets × halvesPerBucket} 16-bit halves. 32-bit words
   * ({@link #add32}) are only allowed when {@code halvesPerBucket} is even, so that they stay
   * aligned.
   */
  public Ring(int offset, int buckets, int halvesPerBucket, long bucketMs) {
    this.headOffset = offset;
    this.base2 = (offset + 1) * 2;
    this.buckets = buckets;
    this.halvesPerBucket = halvesPerBucket;
    this.bucketMs = bucketMs;
  }

  /** Returns the number of int words this ring occupies per entity. */
  public int words() {
    return 1 + (buckets * halvesPerBucket + 1) / 2;
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
   * Moves the ring of the entity at {@code e} (its slice start) forward to the bucket of {@code
   * ts}, clearing expired buckets; returns the index, in 16-bit halves of {@code a}, of that
   * bucket's first counter, or -1 when {@code ts} is older than the window (a late event that can
   * no longer count).
   */
  public int slot(int[] a, int e, long ts) {
    int b = bucketOf(ts);
    int head = a[e + headOffset];
    if (head == 0) {
      a[e + headOffset] = b;
    } else if (b > head) {
      int clear = Math.min(buckets, b - head);
      int s = Math.floorMod(head, buckets);
      for (int k = 1; k <= clear; k++) {
        s = s + 1 == buckets ? 0 : s + 1;
        clearHalves(a, 2 * e + base2 + s * halvesPerBucket, halvesPerBucket);
      }
      a[e + headOffset] = b;
    } else if (b <= head - buckets) {
      return -1;
    }
    return 2 * e + base2 + Math.floorMod(b, buckets) * halvesPerBucket;
  }

  /**
   * Returns how many buckets slot {@code s} lags the head's slot {@code headSlot} (0 for the head):
   * the slot's bucket number is the head's minus this. One division a read, not one a slot.
   */
  private int age(int headSlot, int s) {
    int age = headSlot - s;
    return age < 0 ? age + buckets : age;
  }

  private static void clearHalves(int[] a, int from, int n) {
    int h = from;
    int end = from + n;
    if ((h & 1) != 0) {
      a[h >>> 1] &= 0x0000_FFFF; // the high half of a shared word
      h++;
    }
    for (; h + 1 < end; h += 2) {
      a[h >>> 1] = 0;
    }
    if (h < end) {
      a[h >>> 1] &= 0xFFFF_0000; // the low half of a shared word
    }
  }

  /** Adds to a 16-bit counter ({@code counter} counts halves from the bucket start), saturating. */
  public static void add16(int[] a, int slot, int counter, int delta) {
    if (slot < 0) {
      return;
    }
    int h = slot + counter;
    int w = h >>> 1;
    int shift = (h & 1) << 4;
    int v = ((a[w] >>> shift) & 0xFFFF) + delta;
    if (v > 0xFFFF) {
      v = 0xFFFF;
    }
    a[w] = (a[w] & ~(0xFFFF << shift)) | (v << shift);
  }

  /**
   * Adds to a 32-bit unsigned counter ({@code word} counts ints from the bucket start, which must
   * be int-aligned), saturating at 2³² − 1.
   */
  public static void add32(int[] a, int slot, int word, long delta) {
    if (slot < 0) {
      return;
    }
    int w = (slot >>> 1) + word;
    long v = (a[w] & 0xFFFF_FFFFL) + delta;
    a[w] = (int) Math.min(v, 0xFFFF_FFFFL);
  }

  /**
   * Returns the sum of a 16-bit counter over the buckets still inside the window at {@code now}.
   */
  public int sum16(int[] a, int e, int counter, long now) {
    int head = a[e + headOffset];
    if (head == 0) {
      return 0;
    }
    int nowB = Math.max(bucketOf(now), head);
    int headSlot = Math.floorMod(head, buckets);
    int sum = 0;
    for (int s = 0; s < buckets; s++) {
      if (head - age(headSlot, s) > nowB - buckets) {
        int h = 2 * e + base2 + s * halvesPerBucket + counter;
        sum += (a[h >>> 1] >>> ((h & 1) << 4)) & 0xFFFF;
      }
    }
    return sum;
  }

  /**
   * Returns the sum of a 32-bit counter (unsigned) over the buckets inside the window at {@code
   * now}.
   */
  public long sum32(int[] a, int e, int word, long now) {
    int head = a[e + headOffset];
    if (head == 0) {
      return 0;
    }
    int nowB = Math.max(bucketOf(now), head);
    int headSlot = Math.floorMod(head, buckets);
    long sum = 0;
    for (int s = 0; s < buckets; s++) {
      if (head - age(headSlot, s) > nowB - buckets) {
        sum += a[((2 * e + base2 + s * halvesPerBucket) >>> 1) + word] & 0xFFFF_FFFFL;
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
  public void sumAll(
      int[] a, int e, long now, int[] out, int counters, long[] outWords, int firstWord) {
    java.util.Arrays.fill(out, 0, counters, 0);
    java.util.Arrays.fill(outWords, 0);
    int head = a[e + headOffset];
    if (head == 0) {
      return;
    }
    int nowB = Math.max(bucketOf(now), head);
    int headSlot = Math.floorMod(head, buckets);
    for (int s = 0; s < buckets; s++) {
      if (head - age(headSlot, s) <= nowB - buckets) {
        continue;
      }
      int h0 = 2 * e + base2 + s * halvesPerBucket;
      int c = 0;
      int w = h0 >>> 1;
      if ((h0 & 1) != 0) { // the bucket starts in the high half of a shared int
        out[c++] += a[w++] >>> 16;
      }
      for (; c + 1 < counters; c += 2) { // then two counters an int, fixed shifts
        int v = a[w++];
        out[c] += v & 0xFFFF;
        out[c + 1] += v >>> 16;
      }
      if (c < counters) {
        out[c] += a[w] & 0xFFFF;
      }
      for (int k = 0; k < outWords.length; k++) {
        outWords[k] += a[(h0 >>> 1) + firstWord + k] & 0xFFFF_FFFFL;
      }
    }
  }
}
