package org.fanzha.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PermutationProperties {

  @Property(tries = 200)
  void apply_isABijectionOnItsDomain(
      @ForAll @IntRange(min = 2, max = 5000) int n, @ForAll long key) {
    Permutation p = new Permutation(n, key);
    BitSet seen = new BitSet(n);
    for (int x = 0; x < n; x++) {
      long y = p.apply(x);
      assertThat(y).isBetween(0L, n - 1L);
      assertThat(seen.get((int) y)).as("collision at " + x).isFalse();
      seen.set((int) y);
    }
    assertThat(seen.cardinality()).isEqualTo(n);
  }

  @Test
  void apply_neighboursAreScattered() {
    Permutation p = new Permutation(3_600_000_000L, 42);
    long close = 0;
    for (long x = 0; x < 1000; x++) {
      if (Math.abs(p.apply(x + 1) - p.apply(x)) < 1_000_000) {
        close++;
      }
    }
    assertThat(close).isLessThan(10);
  }

  @Test
  void apply_outsideDomain_fails() {
    assertThatThrownBy(() -> new Permutation(10, 1).apply(10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Permutation(1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
