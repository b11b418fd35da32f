package org.fanzha.text.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.FraudType;
import org.fanzha.text.features.NgramHashing;
import org.fanzha.text.features.Signal;
import org.fanzha.text.features.SignalDetector;
import org.junit.jupiter.api.Test;

/** The scoring and reason logic on a hand-built model whose weights we choose. */
class HashedTextClassifierTest {

  private static final int BITS = 12;
  private static final List<String> LABELS = List.of("none", "spam", "police");

  /** A model where only the n-grams of "安全账户" and the SECRECY signal point to police. */
  private static HashedTextClassifier handBuilt() {
    int k = LABELS.size();
    float[] w = new float[((1 << BITS) + Signal.COUNT) * k];
    char[] key = "安全账户".toCharArray();
    for (int i = 0; i < key.length; i++) {
      for (int n = 1; n <= 3; n++) {
        int b = NgramHashing.bucket(key, i, n, BITS);
        if (b >= 0) {
          w[b * k + 2] = 3f;
        }
      }
    }
    w[((1 << BITS) + Signal.SECRECY.ordinal()) * k + 2] = 1.5f;
    float[] bias = {1f, -2f, -2f};
    return new HashedTextClassifier(
        new LinearTextModel(LABELS, BITS, w, bias), SignalDetector.withDefaults());
  }

  @Test
  void classify_reasonsAreTheMergedPhraseAndTheSignal() {
    ContentVerdict v = handBuilt().classify("请把钱转入安全账户，要保密");
    assertThat(v.fraudType()).isEqualTo(FraudType.POLICE);
    assertThat(v.phrases()).contains("安全账户", "保密");
    assertThat(v.phrases().get(0)).isEqualTo("安全账户");
  }

  @Test
  void classify_plainTextIsNoneWithoutReasons() {
    ContentVerdict v = handBuilt().classify("周末一起去爬山");
    assertThat(v.label()).isEqualTo(ContentVerdict.NONE);
    assertThat(v.phrases()).isEmpty();
    // z = (1, -2, -2): p = sigmoid(z) normalised
    double p0 = 1 / (1 + Math.exp(-1.0));
    double p1 = 1 / (1 + Math.exp(2.0));
    assertThat(v.score()).isCloseTo(p0 / (p0 + 2 * p1), org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void classify_lookAlikeLinkTurnsNoneIntoOther() {
    ContentVerdict v = handBuilt().classify("周末一起去爬山 paypa1.com");
    assertThat(v.fraudType()).isEqualTo(FraudType.OTHER);
    assertThat(v.phrases().get(0)).isEqualTo("paypa1.com");
    assertThat(v.score()).isGreaterThanOrEqualTo(HashedTextClassifier.PHISHING_LINK_THRESHOLD);
  }

  @Test
  void classify_harmlessLinkStaysNone() {
    ContentVerdict v = handBuilt().classify("周末一起去爬山 www.zhihu.com");
    assertThat(v.label()).isEqualTo(ContentVerdict.NONE);
  }
}
