package org.fanzha.engine.features;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Remembers which ordered pairs (caller → callee, payer → payee, target ← reporter) have been seen,
 * as a blocked Bloom filter: two bits per pair, both in one 64-bit word, so a look-up costs one
 * memory access (one cache miss at most) instead of two. A false positive makes a first contact
 * look like a repeat one (the safe direction for risk: it weakens evidence, never invents it); at
 * the former default of 2^26 bits (8 MiB) it happens for about 1% of first contacts at one million
 * pairs and about 7% at ten million. Fixed memory whatever the number of pairs; {@link
 * PairFingerprints} grows instead.
 */
public final class PairFilter implements PairMemory {

  static final int TAG = 1;

  private final long[] bits;
  private final int wordMask;

  /** Creates a filter of {@code 2^log2Bits} bits. */
  public PairFilter(int log2Bits) {
    if (log2Bits < 10 || log2Bits > 34) {
      throw new IllegalArgumentException("log2Bits must be 10–34: " + log2Bits);
    }
    bits = new long[1 << (log2Bits - 6)];
    wordMask = bits.length - 1;
  }

  @Override
  public boolean testAndSet(int kind, int a, int b) {
    long h = hash(kind, a, b);
    int w = (int) (h >>> 12) & wordMask;
    long m = (1L << h) | (1L << (h >>> 6));
    long old = bits[w];
    bits[w] = old | m;
    return (old & m) == m;
  }

  @Override
  public boolean mightContain(int kind, int a, int b) {
    long h = hash(kind, a, b);
    long m = (1L << h) | (1L << (h >>> 6));
    return (bits[(int) (h >>> 12) & wordMask] & m) == m;
  }

  @Override
  public long approxBytes() {
    return (long) bits.length * 8;
  }

  private static long hash(int kind, int a, int b) {
    return PairMemory.hash(kind, a, b);
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(TAG);
    out.writeInt(Integer.numberOfTrailingZeros(bits.length) + 6);
    Snapshots.writeLongs(out, bits, bits.length);
  }

  /** Reads bits written by {@link #write} (after its tag). */
  static PairFilter read(DataInputStream in) throws IOException {
    PairFilter f = new PairFilter(in.readInt());
    long[] b = Snapshots.readLongs(in);
    if (b.length != f.bits.length) {
      throw new IOException("pair filter size mismatch");
    }
    System.arraycopy(b, 0, f.bits, 0, b.length);
    return f;
  }
}
