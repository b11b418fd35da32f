package org.fanzha.text.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void f1_fromAHandCountedConfusion() {
    Metrics m = new Metrics(List.of("a", "b", "c"));
    // truth a: 3 right, 1 as b; truth b: 2 right; c never occurs, predicted once (for a b)
    for (int i = 0; i < 3; i++) {
      m.add("a", "a");
    }
    m.add("a", "b");
    m.add("b", "b");
    m.add("b", "b");
    m.add("b", "c");
    // a: P = 3/3, R = 3/4, F1 = 6/7; b: P = 2/3, R = 2/3, F1 = 2/3
    assertThat(m.precision(0)).isEqualTo(1.0);
    assertThat(m.recall(0)).isEqualTo(0.75);
    assertThat(m.f1(0)).isCloseTo(6.0 / 7, within(1e-12));
    assertThat(m.f1(1)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(m.macroF1()).isCloseTo((6.0 / 7 + 2.0 / 3) / 2, within(1e-12)); // c has no support
    assertThat(m.accuracy()).isCloseTo(5.0 / 7, within(1e-12));
    assertThat(m.count("b", "c")).isEqualTo(1);
    assertThat(m.report()).contains("macro-F1").contains("confusion");
  }
}
