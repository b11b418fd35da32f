package org.fanzha.store;

import java.io.ByteArrayOutputStream;

/**
 * Ascending sequence numbers packed as the gaps between them: the first is stored beside the bytes,
 * each next one as its distance from the one before, seven bits a byte (an entity's events are
 * mostly close together, so one or two bytes each instead of an eight-byte row key).
 */
final class SeqDeltas {

  private SeqDeltas() {}

  /**
   * Packs {@code seqs[from + 1 .. to)}, each as its distance from the one before; {@code
   * seqs[from]} is the row's first.
   *
   * @throws IllegalArgumentException if the numbers are not strictly ascending
   */
  static byte[] encode(long[] seqs, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) * 2);
    for (int i = from + 1; i < to; i++) {
      long gap = seqs[i] - seqs[i - 1];
      if (gap <= 0) {
        throw new IllegalArgumentException("sequence numbers not ascending at " + seqs[i]);
      }
      while ((gap & ~0x7FL) != 0) {
        out.write((int) (gap & 0x7F) | 0x80);
        gap >>>= 7;
      }
      out.write((int) gap);
    }
    return out.toByteArray();
  }

  /** Unpacks what {@link #encode} wrote after {@code first} into {@code into}. */
  static void decode(long first, byte[] gaps, SeqList into) {
    long seq = first;
    into.add(seq);
    int i = 0;
    while (i < gaps.length) {
      long gap = 0;
      int shift = 0;
      byte b;
      do {
        b = gaps[i++];
        gap |= (long) (b & 0x7F) << shift;
        shift += 7;
      } while (b < 0);
      seq += gap;
      into.add(seq);
    }
  }
}
