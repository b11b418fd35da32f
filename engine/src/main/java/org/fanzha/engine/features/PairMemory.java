package org.fanzha.engine.features;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Remembers which ordered pairs of entity ids (caller → callee, payer → payee, target ← reporter,
 * each pair kind apart) have been seen. Answers may be false positives (a first contact taken for a
 * repeat one: the safe direction, it weakens evidence and never invents it), never false negatives.
 */
public interface PairMemory {

  /** Returns whether the pair was (probably) seen before, and records it. */
  boolean testAndSet(int kind, int a, int b);

  /** Returns whether the pair was (probably) seen before, without recording it. */
  boolean mightContain(int kind, int a, int b);

  /** Returns the bytes held (arrays as allocated). */
  long approxBytes();

  /** Writes the state, tagged with its kind, for {@link #read}. */
  void write(DataOutputStream out) throws IOException;

  /**
   * Creates the memory the {@code pairs.log2_bits} setting asks for: 0 for {@link
   * PairFingerprints}, which grows with the pairs seen; 10–34 for a fixed {@link PairFilter} of
   * {@code 2^log2Bits} bits.
   */
  static PairMemory create(int log2Bits) {
    return log2Bits == 0 ? new PairFingerprints() : new PairFilter(log2Bits);
  }

  /**
   * Creates a {@link PairFingerprints} of the smallest size, for a state that holds one key's pairs
   * (what a keyed runner keeps per entity), growing as any does.
   */
  static PairMemory forFewPairs() {
    return PairFingerprints.small();
  }

  /** Reads what {@link #write} wrote. */
  static PairMemory read(DataInputStream in) throws IOException {
    int tag = in.readInt();
    if (tag == PairFilter.TAG) {
      return PairFilter.read(in);
    }
    if (tag == PairFingerprints.TAG) {
      return PairFingerprints.read(in);
    }
    if (tag == PairFingerprints.SORTED_TAG) {
      return PairFingerprints.readSorted(in);
    }
    throw new IOException("unknown pair memory kind " + tag);
  }

  /** Mixes a pair and its kind into 64 well-spread bits (the murmur3 64-bit finaliser). */
  static long hash(int kind, int a, int b) {
    long x = ((long) a << 32 | (b & 0xFFFF_FFFFL)) ^ ((long) kind * 0x9E37_79B9_7F4A_7C15L);
    x ^= x >>> 33;
    x *= 0xFF51_AFD7_ED55_8CCDL;
    x ^= x >>> 33;
    x *= 0xC4CE_B9FE_1A85_EC53L;
    x ^= x >>> 33;
    return x;
  }
}
