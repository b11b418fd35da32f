package org.fanzha.sim;

import java.util.SplittableRandom;

/** Seed derivation and the few distributions the generators draw from. */
final class Rand {

  private Rand() {}

  /** Returns the SplitMix64 finaliser of {@code z}: a well-mixed 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Returns a hash of several keys; stable across runs and JVMs. */
  static long hash(long a, long b) {
    return mix(mix(a + 0x9e3779b97f4a7c15L) ^ (b * 0xc2b2ae3d27d4eb4fL));
  }

  static long hash(long a, long b, long c) {
    return hash(hash(a, b), c);
  }

  /** Returns a generator for one named stream of one window, so streams never share draws. */
  static SplittableRandom stream(long seed, long streamId, long window) {
    return new SplittableRandom(hash(seed, streamId, window));
  }

  /** Returns a uniform double in [0,1) from a hash. */
  static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }

  /** Returns a Poisson draw with mean {@code lambda} (Knuth for small means, normal beyond 30). */
  static int poisson(SplittableRandom r, double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > 30) {
      double g = lambda + Math.sqrt(lambda) * gaussian(r);
      return (int) Math.max(0, Math.round(g));
    }
    double limit = Math.exp(-lambda);
    double p = r.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= r.nextDouble();
      k++;
    }
    return k;
  }

  /** Returns a standard normal draw (Box–Muller; one value per call keeps the stream simple). */
  static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Returns a log-normal draw with the given median and shape. */
  static double logNormal(SplittableRandom r, double median, double sigma) {
    return median * Math.exp(sigma * gaussian(r));
  }

  /** Returns an index drawn with the given cumulative weights (last entry = total). */
  static int pick(SplittableRandom r, double[] cumulative) {
    double x = r.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Returns the running sums of {@code weights}. */
  static double[] cumulative(double... weights) {
    double[] c = new double[weights.length];
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i];
      c[i] = s;
    }
    return c;
  }

  static <T> T oneOf(SplittableRandom r, T[] items) {
    return items[r.nextInt(items.length)];
  }

  static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }

  /** Returns a money amount in fen rounded to whole yuan, at least one yuan. */
  static long yuan(double yuan) {
    return Math.max(1, Math.round(yuan)) * 100;
  }
}
