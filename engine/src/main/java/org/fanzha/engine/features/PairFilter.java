package org.fanzha.engine.features;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Remembers which ordered pairs (caller → callee, payer → payee, target ← reporter) have been seen,
 * as a blocked Bloom filter: two bits per pair, both in one 64-bit word, so a look-up costs one
 * memory access (one cache miss at most) instead of two. A false positive makes a first contact look
 * like a repeat one (the safe direction for risk: it weakens evidence, never invents it); at the
 * default 2^26 bits it happens for about 1% of first contacts at one million pairs and about 7% at
 * ten million.
 */
public final class PairFilter {

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

  /** Returns whether the pair was (probably) seen before, and records it. */
  public boolean testAndSet(int kind, int a, int b) {
    long h = hash(kind, a, b);
    int w = (int) (h >>> 12) & wordMask;
    long m = (1L << h) | (1L << (h >>> 6));
    long old = bits[w];
    bits[w] = old | m;
    return (old & m) == m;
  }

  /** Returns whether the pair was (probably) seen before, without recording it. */
  public boolean mightContain(int kind, int a, int b) {
    long h = hash(kind, a, b);
    long m = (1L << h) | (1L << (h >>> 6));
    return (bits[(int) (h >>> 12) & wordMask] & m) == m;
  }

  /** Returns the bytes held. */
  public long approxBytes() {
    return (long) bits.length * 8;
  }

  private static long hash(int kind, int a, int b) {
    long x = ((long) a << 32 | (b & 0xFFFF_FFFFL)) ^ ((long) kind * 0x9E37_79B9_7F4A_7C15L);
    x ^= x >>> 33;
    x *= 0xFF51_AFD7_ED55_8CCDL;
    x ^= x >>> 33;
    x *= 0xC4CE_B9FE_1A85_EC53L;
    x ^= x >>> 33;
    return x;
  }

  /** Writes the bits. */
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(Integer.numberOfTrailingZeros(bits.length) + 6);
    Snapshots.writeLongs(out, bits, bits.length);
  }

  /** Reads bits written by {@link #write}. */
  public static PairFilter read(DataInputStream in) throws IOException {
    PairFilter f = new PairFilter(in.readInt());
    long[] b = Snapshots.readLongs(in);
    if (b.length != f.bits.length) {
      throw new IOException("pair filter size mismatch");
    }
    System.arraycopy(b, 0, f.bits, 0, b.length);
    return f;
  }
}
