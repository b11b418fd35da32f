package org.fanzha.engine.features;

import static org.fanzha.core.time.Millis.HOUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DistinctTest {

  private static final long T0 = 1_795_741_200_000L;
  private final Distinct sketch = new Distinct(2, 4, 12 * HOUR);

  /** Linear counting's standard error in items (Whang et al.): sqrt(m (e^t − t − 1)), t = n/m. */
  private static double standardError(int n, int m) {
    double t = (double) n / m;
    return Math.sqrt(m * (Math.exp(t) - t - 1));
  }

  @Property(tries = 50)
  void estimate_isWithinFourStandardErrorsUpTo150(@ForAll @IntRange(min = 5, max = 150) int n,
      @ForAll @IntRange(min = 0, max = 1_000_000) int offset) {
    int[] a = new int[sketch.end()];
    for (int k = 0; k < n; k++) {
      sketch.add(a, 0, T0, Distinct.mix(offset + k));
      sketch.add(a, 0, T0, Distinct.mix(offset + k)); // repeats do not count
    }
    assertThat((double) sketch.estimate(a, 0, T0)).isCloseTo(n, within(1 + 4 * standardError(n, 128)));
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
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
  }
}
