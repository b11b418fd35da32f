package org.fanzha.engine.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class PairFilterTest {

  @Test
  void testAndSet_reportsAPairOnlyFromItsSecondTime() {
    PairFilter f = new PairFilter(16);
    assertThat(f.testAndSet(1, 10, 20)).isFalse();
    assertThat(f.testAndSet(1, 10, 20)).isTrue();
    assertThat(f.mightContain(1, 20, 10)).as("pairs are ordered").isFalse();
    assertThat(f.mightContain(2, 10, 20)).as("kinds are separate").isFalse();
  }

  @Test
  void mightContain_hasFewFalsePositivesAtLowLoad() {
    PairFilter f = new PairFilter(20);
    for (int i = 0; i < 50_000; i++) {
      f.testAndSet(1, i, i + 1);
    }
    int fp = 0;
    for (int i = 0; i < 10_000; i++) {
      if (f.mightContain(1, i, i + 2)) {
        fp++;
      }
    }
    assertThat(fp).isLessThan(300); // about 3 pairs per 64-bit block: (6/64)^2 ≈ 1%
  }

  @Test
  void write_thenRead_keepsEveryPair() throws Exception {
    PairFilter f = new PairFilter(12);
    f.testAndSet(3, 1, 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    f.write(new DataOutputStream(out));
    PairMemory g =
        PairMemory.read(new DataInputStream(new ByteArrayInputStream(out.toByteArray())));
    assertThat(g).isInstanceOf(PairFilter.class);
    assertThat(g.mightContain(3, 1, 2)).isTrue();
    assertThat(g.approxBytes()).isEqualTo(f.approxBytes());
  }
}
