package org.fanzha.engine.features;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A {@link PairMemory} that grows with the pairs seen: an open-addressing set of 32-bit pair
 * fingerprints. About 5–7.5 bytes a pair (4 bytes a slot, a table between 8/15 and 4/5 full); a
 * first contact is taken for a repeat one with probability about n / 2³² after n pairs (10⁻⁴ at
 * 400,000 pairs, 0.2% at ten million).
 */
public final class PairFingerprints implements PairMemory {
  /*
   * A fixed Bloom filter must be sized for the largest state it will ever hold: at the former
   * default of 2^26 bits it was 8 MiB however few pairs there were (105 bytes an entity in a town
   * of 10,000 people, more than any entity's own features). A Bloom filter cannot grow, as the
   * inserted keys are gone. This set can: a slot holds the top 32 bits of the pair's 64-bit hash,
   * and the home slot is those 32 bits scaled onto the capacity (multiply-shift, monotone), so on
   * growth every fingerprint finds its new home from itself alone, and the capacity need not be a
   * power of two: it grows by half when 4/5 full. Linear probing: a look-up reads one or two cache
   * lines, as the blocked Bloom filter did. Slots live in pages of 64 Ki ints (256 KiB, never a G1
   * humongous object). 0 marks a free slot (a fingerprint of 0 is stored as 1). Should the table
   * reach its largest size and be 7/8 full (over a billion pairs), new pairs are reported as seen:
   * the safe direction, as for any false positive.
   */

  /** The snapshot tag of this format: its slots as they lie. */
  static final int TAG = 3;

  /** The tag of the format before, its fingerprints sorted; still read. */
  static final int SORTED_TAG = 2;

  private static final int PAGE_SHIFT = 16;
  private static final int PAGE = 1 << PAGE_SHIFT;
  private static final int MIN_CAPACITY = 1024;
  private static final int INITIAL_CAPACITY = 16 * 1024; // 64 KiB: skips the first few growths
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - PAGE;

  private int[][] pages;
  private int capacity;
  private int size;

  /** Creates an empty set. */
  public PairFingerprints() {
    this(INITIAL_CAPACITY);
  }

  /** Returns an empty set of the smallest capacity (a few pairs expected). */
  static PairFingerprints small() {
    return new PairFingerprints(MIN_CAPACITY);
  }

  private PairFingerprints(int capacity) {
    this.capacity = capacity;
    this.pages = pages(capacity);
  }

  @Override
  public boolean testAndSet(int kind, int a, int b) {
    int fp = fingerprint(kind, a, b);
    int h = home(fp, capacity);
    int p = h >>> PAGE_SHIFT;
    int[] page = pages[p];
    int j = h & (PAGE - 1);
    while (true) { // probe along the page, then on to the next (the last wraps to the first)
      int s = page[j];
      if (s == fp) {
        return true;
      }
      if (s == 0) {
        break;
      }
      if (++j == page.length) {
        p = p + 1 == pages.length ? 0 : p + 1;
        page = pages[p];
        j = 0;
      }
    }
    if (capacity == MAX_CAPACITY && size >= capacity - (capacity >>> 3)) {
      return true; // full: everything new counts as seen (weaker evidence, never invented)
    }
    page[j] = fp;
    if (++size > capacity - capacity / 5 && capacity < MAX_CAPACITY) {
      grow();
    }
    return false;
  }

  @Override
  public boolean mightContain(int kind, int a, int b) {
    int fp = fingerprint(kind, a, b);
    int h = home(fp, capacity);
    int p = h >>> PAGE_SHIFT;
    int[] page = pages[p];
    int j = h & (PAGE - 1);
    while (true) {
      int s = page[j];
      if (s == fp) {
        return true;
      }
      if (s == 0) {
        return false;
      }
      if (++j == page.length) {
        p = p + 1 == pages.length ? 0 : p + 1;
        page = pages[p];
        j = 0;
      }
    }
  }

  /** Returns how many distinct fingerprints are held. */
  public int size() {
    return size;
  }

  @Override
  public long approxBytes() {
    long b = 16L + pages.length * 4L;
    for (int[] p : pages) {
      b += 16L + p.length * 4L;
    }
    return b;
  }

  private static int fingerprint(int kind, int a, int b) {
    int fp = (int) (PairMemory.hash(kind, a, b) >>> 32);
    return fp == 0 ? 1 : fp;
  }

  private static int home(int fp, int capacity) {
    return (int) (((fp & 0xFFFF_FFFFL) * capacity) >>> 32);
  }

  private static int[][] pages(int capacity) {
    int n = (capacity + PAGE - 1) >>> PAGE_SHIFT;
    int[][] t = new int[n][];
    for (int p = 0; p < n; p++) {
      t[p] = new int[Math.min(PAGE, capacity - p * PAGE)];
    }
    return t;
  }

  private void grow() {
    int[][] old = pages;
    capacity = (int) Math.min(MAX_CAPACITY, (long) capacity + (capacity >> 1));
    pages = pages(capacity);
    for (int[] p : old) {
      for (int s : p) {
        if (s != 0) {
          place(s);
        }
      }
    }
  }

  private void place(int fp) {
    int i = home(fp, capacity);
    while (pages[i >>> PAGE_SHIFT][i & (PAGE - 1)] != 0) {
      i = i + 1 == capacity ? 0 : i + 1;
    }
    pages[i >>> PAGE_SHIFT][i & (PAGE - 1)] = fp;
  }

  /**
   * Writes the slots as they lie, empty ones included: a bulk copy, where writing the fingerprints
   * in sorted order (format 2) sorted a million ints on the engine thread while decisions waited.
   * Read back into a table of the same capacity they lie the same way, so a restored set writes the
   * same bytes.
   */
  @Override
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(TAG);
    out.writeInt(capacity);
    out.writeInt(size);
    for (int[] p : pages) {
      Snapshots.writeIntsRaw(out, p, p.length);
    }
  }

  /** Reads a set written by {@link #write} (after its tag). */
  static PairFingerprints read(DataInputStream in) throws IOException {
    int capacity = in.readInt();
    int n = in.readInt();
    checkHeader(capacity, n);
    PairFingerprints f = new PairFingerprints(capacity);
    int found = 0;
    for (int[] p : f.pages) {
      Snapshots.readIntsRaw(in, p, p.length);
      for (int slot : p) {
        if (slot != 0) {
          found++;
        }
      }
    }
    if (found != n) {
      throw new IOException("pair set says " + n + " pairs, holds " + found);
    }
    f.size = n;
    return f;
  }

  private static void checkHeader(int capacity, int n) throws IOException {
    if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || n < 0 || n >= capacity) {
      throw new IOException("bad pair set header: " + capacity + " slots, " + n + " pairs");
    }
  }

  /** Reads a set written in format 2, its fingerprints in ascending order (after its tag). */
  static PairFingerprints readSorted(DataInputStream in) throws IOException {
    int capacity = in.readInt();
    int n = in.readInt();
    checkHeader(capacity, n);
    PairFingerprints f = new PairFingerprints(capacity);
    for (int k = 0; k < n; k++) {
      int s = in.readInt();
      if (s == 0) {
        throw new IOException("bad pair fingerprint 0");
      }
      f.place(s);
    }
    f.size = n;
    return f;
  }
}
