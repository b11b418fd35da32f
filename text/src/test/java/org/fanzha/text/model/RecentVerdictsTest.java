package org.fanzha.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.FraudType;
import org.junit.jupiter.api.Test;

class RecentVerdictsTest {

  /** A stand-in whose verdict depends only on the text, and which counts how often it is asked. */
  static final class Counting implements ContentClassifier {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public ContentVerdict classify(String text) {
      calls.incrementAndGet();
      return text.contains("安全账户")
          ? new ContentVerdict("police", FraudType.POLICE, 0.9, List.of("安全账户"))
          : new ContentVerdict(ContentVerdict.NONE, null, 0.8, List.of());
    }
  }

  @Test
  void classify_repeatedTextIsScoredOnce() {
    Counting inner = new Counting();
    RecentVerdicts cache = new RecentVerdicts(inner, 1024);
    for (int i = 0; i < 100; i++) {
      assertThat(cache.classify("请把钱转入安全账户").fraudType()).isEqualTo(FraudType.POLICE);
    }
    assertThat(inner.calls).hasValue(1);
  }

  @Test
  void classify_collidingTextsNeverShareAVerdict() {
    Counting inner = new Counting();
    RecentVerdicts cache = new RecentVerdicts(inner, 1); // one slot: every text collides
    assertThat(cache.classify("转入安全账户").isFraud()).isTrue();
    assertThat(cache.classify("周末回家吃饭").isFraud()).isFalse();
    assertThat(cache.classify("转入安全账户").isFraud()).isTrue();
    assertThat(inner.calls).hasValue(3);
  }

  @Test
  void constructor_rejectsBadCapacity() {
    assertThatThrownBy(() -> new RecentVerdicts(new Counting(), 0))
        .hasMessageContaining("capacity");
  }

  @Property
  void classify_answersExactlyAsTheClassifierBehindIt(@ForAll @Size(max = 200) List<String> texts) {
    Counting plain = new Counting();
    RecentVerdicts cache = new RecentVerdicts(new Counting(), 16);
    for (String t : texts) {
      assertThat(cache.classify(t)).isEqualTo(plain.classify(t));
    }
  }
}
