package org.fanzha.sim;

/**
 * A keyed pseudo-random bijection on {@code [0, n)}: consecutive indexes map to unrelated values,
 * so neighbours in a household or a dealer's batch do not get look-alike numbers.
 */
final class Permutation {
  /*
   * A balanced Feistel network on the smallest even number of bits covering n is a bijection on
   * [0, 2^bits); "cycle walking" (re-apply until the value falls below n) restricts it to a
   * bijection on [0, n). Since 2^bits < 4n, the expected number of rounds is below 4.
   */

  private final long n;
  private final int half;
  private final long mask;
  private final long key;

  Permutation(long n, long key) {
    if (n < 2 || n > (1L << 62)) {
      throw new IllegalArgumentException("domain must be 2..2^62, not " + n);
    }
    int bits = 64 - Long.numberOfLeadingZeros(n - 1);
    bits += bits & 1;
    this.n = n;
    this.half = bits / 2;
    this.mask = (1L << half) - 1;
    this.key = key;
  }

  /** Returns the image of {@code x}, which must lie in {@code [0, n)}. */
  long apply(long x) {
    if (x < 0 || x >= n) {
      throw new IllegalArgumentException("index " + x + " outside [0, " + n + ")");
    }
    long y = x;
    do {
      y = feistel(y);
    } while (y >= n);
    return y;
  }

  private long feistel(long x) {
    long left = x >>> half;
    long right = x & mask;
    for (int round = 0; round < 4; round++) {
      long f = Rand.hash(key, round, right) & mask;
      long next = left ^ f;
      left = right;
      right = next;
    }
    return (left << half) | right;
  }
}
