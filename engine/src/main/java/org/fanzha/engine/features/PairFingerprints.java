package org.fanzha.engine.features;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A {@link PairMemory} that grows with the pairs seen: an open-addressing set of 32-bit pair
 * fingerprints. About 5–11 bytes a pair (4 bytes a slot, a table between 3/8 and 3/4 full); a
 * first contact is taken for a repeat one with probability about n / 2³² after n pairs (10⁻⁴ at
 * 400,000 pairs, 0.2% at ten million).
 */
public final class PairFingerprints implements PairMemory {
  /*
   * A fixed Bloom filter must be sized for the largest state it will ever hold: at the former
   * default of 2^26 bits it was 8 MiB however few pairs there were (105 bytes an entity in a town
   * of 10,000 people, more than any entity's own features). Bloom filters cannot grow, as the
   * inserted keys are gone. This set can: a slot holds the top 32 bits of the pair's 64-bit hash,
   * and the home slot is the top log2(capacity) bits of those same 32 bits, so on doubling every
   * fingerprint finds its new home from itself alone. Linear probing in an int[]: a look-up reads
   * one or two cache lines, as the blocked Bloom filter did. 0 marks a free slot (a fingerprint of
   * 0 is stored as 1). Should the table reach 2^30 slots and be 7/8 full (a billion pairs), new
   * pairs are reported as seen: the safe direction, as for any false positive.
   */

  static final int TAG = 2;
  private static final int MIN_LOG2 = 10;
  private static final int MAX_LOG2 = 30;

  private int[] slots;
  private int log2;
  private int size;

  /** Creates an empty set. */
  public PairFingerprints() {
    this(MIN_LOG2);
  }

  private PairFingerprints(int log2) {
    this.log2 = log2;
    this.slots = new int[1 << log2];
  }

  @Override
  public boolean testAndSet(int kind, int a, int b) {
    int fp = fingerprint(kind, a, b);
    int mask = slots.length - 1;
    int i = fp >>> (32 - log2);
    while (true) {
      int s = slots[i];
      if (s == fp) {
        return true;
      }
      if (s == 0) {
        break;
      }
      i = (i + 1) & mask;
    }
    if (log2 == MAX_LOG2 && size >= slots.length - (slots.length >>> 3)) {
      return true; // full: everything new counts as seen (weaker evidence, never invented)
    }
    slots[i] = fp;
    if (++size > slots.length - (slots.length >>> 2) && log2 < MAX_LOG2) {
      grow();
    }
    return false;
  }

  @Override
  public boolean mightContain(int kind, int a, int b) {
    int fp = fingerprint(kind, a, b);
    int mask = slots.length - 1;
    int i = fp >>> (32 - log2);
    while (true) {
      int s = slots[i];
      if (s == fp) {
        return true;
      }
      if (s == 0) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  /** Returns how many distinct fingerprints are held. */
  public int size() {
    return size;
  }

  @Override
  public long approxBytes() {
    return 16L + slots.length * 4L;
  }

  private static int fingerprint(int kind, int a, int b) {
    int fp = (int) (PairMemory.hash(kind, a, b) >>> 32);
    return fp == 0 ? 1 : fp;
  }

  private void grow() {
    int[] old = slots;
    log2++;
    slots = new int[1 << log2];
    int mask = slots.length - 1;
    for (int s : old) {
      if (s != 0) {
        int i = s >>> (32 - log2);
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = s;
      }
    }
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(TAG);
    out.writeInt(log2);
    out.writeInt(size);
    for (int s : slots) {
      if (s != 0) {
        out.writeInt(s);
      }
    }
  }

  /** Reads a set written by {@link #write} (after its tag). */
  static PairFingerprints read(DataInputStream in) throws IOException {
    int log2 = in.readInt();
    int n = in.readInt();
    if (log2 < MIN_LOG2 || log2 > MAX_LOG2 || n < 0 || n > (1 << log2)) {
      throw new IOException("bad pair set header: 2^" + log2 + " slots, " + n + " pairs");
    }
    PairFingerprints f = new PairFingerprints(log2);
    int mask = f.slots.length - 1;
    for (int k = 0; k < n; k++) {
      int s = in.readInt();
      if (s == 0) {
        throw new IOException("bad pair fingerprint 0");
      }
      int i = s >>> (32 - log2);
      while (f.slots[i] != 0) {
        i = (i + 1) & mask;
      }
      f.slots[i] = s;
    }
    f.size = n;
    return f;
  }
}
