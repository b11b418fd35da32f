package org.fanzha.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.fanzha.text.features.NgramHashing;
import org.fanzha.text.features.Signal;
import org.fanzha.text.features.TextNormalizer;
import org.junit.jupiter.api.Test;

class LinearTextModelTest {

  private static final int BITS = 6;

  private static LinearTextModel randomModel(long seed) {
    int k = 3;
    Random r = new Random(seed);
    float[] w = new float[((1 << BITS) + Signal.COUNT) * k];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextGaussian();
    }
    return new LinearTextModel(
        List.of("none", "spam", "police"), BITS, w, new float[] {0.5f, -0.25f, 0f});
  }

  @Test
  void decisionValues_sumNgramWeightsOverSqrtCountPlusSignals() {
    LinearTextModel m = randomModel(1);
    char[] s = TextNormalizer.normalize("ab c");
    // n-grams: a, ab, b (then "b " stops), c  -> 4 occurrences
    int[] buckets = {
      NgramHashing.bucket(s, 0, 1, BITS), NgramHashing.bucket(s, 0, 2, BITS),
      NgramHashing.bucket(s, 1, 1, BITS), NgramHashing.bucket(s, 3, 1, BITS)
    };
    int mask = Signal.URGENCY.bit();
    float[] out = new float[3];
    int count = m.decisionValues(s, mask, out);
    assertThat(count).isEqualTo(4);
    float[] bias = {0.5f, -0.25f, 0f};
    for (int k = 0; k < 3; k++) {
      double sum = 0;
      for (int b : buckets) {
        sum += m.weight(b, k);
      }
      double expected = sum / 2.0 + bias[k] + m.weight(m.signalRow(Signal.URGENCY), k);
      assertThat((double) out[k]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void write_thenRead_keepsLabelsAndWeightsWithin16BitPrecision() throws IOException {
    LinearTextModel m = randomModel(2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(bytes);
    LinearTextModel back = LinearTextModel.read(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(back.labels()).isEqualTo(m.labels());
    assertThat(back.bits()).isEqualTo(BITS);
    float max = 0;
    for (int r = 0; r < (1 << BITS) + Signal.COUNT; r++) {
      for (int k = 0; k < 3; k++) {
        max = Math.max(max, Math.abs(m.weight(r, k)));
      }
    }
    for (int r = 0; r < (1 << BITS) + Signal.COUNT; r++) {
      for (int k = 0; k < 3; k++) {
        assertThat(back.weight(r, k))
            .isCloseTo(m.weight(r, k), org.assertj.core.data.Offset.offset(max / 30000f));
      }
    }
  }

  @Test
  void read_rejectsForeignBytes() {
    assertThatThrownBy(() -> LinearTextModel.read(new ByteArrayInputStream(new byte[] {1, 2, 3})))
        .isInstanceOf(IOException.class);
  }

  @Test
  void constructor_rejectsWrongSizes() {
    assertThatThrownBy(
            () -> new LinearTextModel(List.of("a", "b"), BITS, new float[3], new float[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected");
  }
}
