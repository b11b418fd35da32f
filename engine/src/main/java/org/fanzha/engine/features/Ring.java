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
  private final int totals; // the int where the counters' sums start (16 bits each), or -1: none

  private static final int FULL = 0xFFFF; // a counter or sum that can tell no more

  /**
   * Describes a ring at {@code offset} (in ints) in each entity's slice: one head word (the newest
   * bucket number) followed by {@code buckets × halvesPerBucket} 16-bit halves. 32-bit words
   * ({@link #add32}) are only allowed when {@code halvesPerBucket} is even, so that they stay
   * aligned.
   */
  public Ring(int offset, int buckets, int halvesPerBucket, long bucketMs) {
    this(offset, buckets, halvesPerBucket, bucketMs, -1);
  }

  private Ring(int offset, int buckets, int halvesPerBucket, long bucketMs, int totals) {
    this.headOffset = offset;
    this.base2 = (offset + 1) * 2;
    this.buckets = buckets;
    this.halvesPerBucket = halvesPerBucket;
    this.bucketMs = bucketMs;
    this.totals = totals;
  }

  /**
   * Returns this ring keeping, besides its buckets, each counter's sum over them, 16 bits each from
   * int {@code offset} of each slice (every half of a bucket a 16-bit counter). A read at the
   * head's bucket, the usual case (the event just counted moved the head there), then takes the
   * sums as they are instead of adding up every bucket; {@link #add} keeps them, and moving the
   * head takes the buckets it clears out of them. A sum that reaches 65,535 is full: it stands for
   * "too many to say", reads add up the buckets as before, and the sums are made again from the
   * buckets when the head moves on. So a read returns the same with sums kept or not.
   */
  public Ring withTotals(int offset) {
    return new Ring(headOffset, buckets, halvesPerBucket, bucketMs, offset);
  }

  /** Returns the ints the sums of {@link #withTotals} take (0 without them). */
  public int totalWords() {
    return totals < 0 ? 0 : (halvesPerBucket + 1) / 2;
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
      boolean full = false;
      for (int k = 1; k <= clear; k++) {
        s = s + 1 == buckets ? 0 : s + 1;
        int from = 2 * e + base2 + s * halvesPerBucket;
        if (totals >= 0) {
          full |= takeOut(a, e, from);
        }
        clearHalves(a, from, halvesPerBucket);
      }
      if (full) {
        resum(a, e);
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

  /** Copies the first {@code counters} sums into {@code out}; false when one is full. */
  private boolean copySums(int[] a, int e, int[] out, int counters) {
    int w = e + totals;
    int c = 0;
    for (; c + 1 < counters; c += 2) { // two sums an int
      int v = a[w++];
      int lo = v & 0xFFFF;
      int hi = v >>> 16;
      if (lo == FULL || hi == FULL) {
        return false;
      }
      out[c] = lo;
      out[c + 1] = hi;
    }
    if (c < counters) {
      int lo = a[w] & 0xFFFF;
      if (lo == FULL) {
        return false;
      }
      out[c] = lo;
    }
    return true;
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
    if (slot >= 0) {
      addSaturating(a, slot + counter, delta);
    }
  }

  /**
   * Adds to a 16-bit counter of the entity at {@code e} as {@link #add16} does, and to its sum when
   * this ring keeps sums ({@link #withTotals}).
   */
  public void add(int[] a, int e, int slot, int counter, int delta) {
    if (slot >= 0) {
      int added = addSaturating(a, slot + counter, delta);
      if (totals >= 0) {
        int t = 2 * (e + totals) + counter;
        int sum = half(a, t);
        if (sum != FULL) {
          setHalf(a, t, Math.min(sum + added, FULL));
        }
      }
    }
  }

  /** Adds {@code delta} to the half at {@code h}, saturating; returns what was added. */
  private static int addSaturating(int[] a, int h, int delta) {
    int old = half(a, h);
    int v = Math.min(old + delta, FULL);
    setHalf(a, h, v);
    return v - old;
  }

  private static int half(int[] a, int h) {
    return (a[h >>> 1] >>> ((h & 1) << 4)) & 0xFFFF;
  }

  private static void setHalf(int[] a, int h, int v) {
    int shift = (h & 1) << 4;
    a[h >>> 1] = (a[h >>> 1] & ~(0xFFFF << shift)) | (v << shift);
  }

  /**
   * Takes the bucket at half {@code from} out of the sums; returns whether a sum is full (it was,
   * and stays so until {@link #resum}).
   */
  private boolean takeOut(int[] a, int e, int from) {
    boolean full = false;
    for (int c = 0; c < halvesPerBucket; c++) {
      int t = 2 * (e + totals) + c;
      int sum = half(a, t);
      if (sum == FULL) {
        full = true;
      } else {
        setHalf(a, t, sum - half(a, from + c));
      }
    }
    return full;
  }

  /**
   * Makes the sums of the entity at {@code e} again from its buckets: after a full one, and for a
   * slice written before the ring kept them (they read as 0 there).
   */
  public void resum(int[] a, int e) {
    if (totals < 0) {
      return;
    }
    for (int c = 0; c < halvesPerBucket; c++) {
      int sum = 0;
      for (int s = 0; s < buckets; s++) {
        sum += half(a, 2 * e + base2 + s * halvesPerBucket + c);
      }
      setHalf(a, 2 * (e + totals) + c, Math.min(sum, FULL));
    }
  }

  /** Returns whether the sums hold the window at {@code now}: kept, and no bucket gone since. */
  private boolean summedAt(int head, long now) {
    return totals >= 0 && bucketOf(now) <= head;
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
    if (summedAt(head, now) && half(a, 2 * (e + totals) + counter) != FULL) {
      return half(a, 2 * (e + totals) + counter);
    }
    int nowB = Math.max(bucketOf(now), head);
    int headSlot = Math.floorMod(head, buckets);
    int sum = 0;
    for (int s = 0; s < buckets; s++) {
      if (head - age(headSlot, s) > nowB - buckets) {
        sum += half(a, 2 * e + base2 + s * halvesPerBucket + counter);
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
    if (outWords.length == 0 && summedAt(head, now)) {
      if (copySums(a, e, out, counters)) {
        return;
      }
      java.util.Arrays.fill(out, 0, counters, 0); // a sum is full: the buckets are added up
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
