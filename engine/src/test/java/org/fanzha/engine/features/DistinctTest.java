package org.fanzha.engine.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.core.time.Millis.HOUR;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DistinctTest {

  private static final long T0 = 1_795_741_200_000L;
  private final Distinct sketch = new Distinct(2, 4, 12 * HOUR);

  /**
   * The estimate's range when the bits set by {@code n} distinct items into {@code m} are within
   * five standard deviations of their mean (occupancy: mean m(1 − q^n), q = 1 − 1/m, and its exact
   * variance). Bounding the bits rather than the estimate keeps the bound honest in the upper tail,
   * where the log stretches it (the asymptotic standard error of the estimate, used before, failed
   * about once in fifty tries).
   */
  private static double[] range(int n, int m) {
    double q = 1 - 1.0 / m;
    double mean = m * (1 - Math.pow(q, n));
    double var =
        m * (m - 1.0) * Math.pow(1 - 2.0 / m, n)
            + m * Math.pow(q, n)
            - (double) m * m * Math.pow(q, 2 * n);
    double sd = Math.sqrt(Math.max(0, var));
    double lo = m * Math.log(m / (m - Math.max(0, mean - 5 * sd)));
    double hi = m * Math.log(m / Math.max(1, m - (mean + 5 * sd)));
    return new double[] {Math.floor(lo) - 1, Math.ceil(hi) + 1};
  }

  @Property(tries = 50)
  void estimate_isWithinFiveStandardDeviationsOfTheBitsSetUpTo150(
      @ForAll @IntRange(min = 5, max = 150) int n,
      @ForAll @IntRange(min = 0, max = 1_000_000) int offset) {
    int[] a = new int[sketch.end()];
    for (int k = 0; k < n; k++) {
      sketch.add(a, 0, T0, Distinct.mix(offset + k));
      sketch.add(a, 0, T0, Distinct.mix(offset + k)); // repeats do not count
    }
    double[] r = range(n, 128);
    assertThat((double) sketch.estimate(a, 0, T0)).isBetween(r[0], r[1]);
    assertThat(r[1] - r[0])
        .isLessThan(2.0 * n); // the bound stays tight enough to tell counts apart
  }

  @Test
  void estimate_keepsThePreviousGenerationThenForgetsIt() {
    int[] a = new int[sketch.end()];
    for (int k = 0; k < 20; k++) {
      sketch.add(a, 0, T0, Distinct.mix(k));
    }
    for (int k = 100; k < 110; k++) {
      sketch.add(a, 0, T0 + 13 * HOUR, Distinct.mix(k));
    }
    assertThat(sketch.estimate(a, 0, T0 + 13 * HOUR)).isBetween(26, 34);
    // a generation later only the second batch remains, and after that nothing
    assertThat(sketch.estimate(a, 0, T0 + 25 * HOUR)).isBetween(8, 12);
    assertThat(sketch.estimate(a, 0, T0 + 49 * HOUR)).isZero();
  }

  @Test
  void estimate_ofAnEmptySketch_isZero() {
    assertThat(sketch.estimate(new int[sketch.end()], 0, T0)).isZero();
  }

  @Test
  void constructor_refusesAWordCountThatIsNotAPowerOfTwo() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Distinct(0, 3, HOUR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3");
  }
}
