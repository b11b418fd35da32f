package org.fanzha.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyedBucketsTest {

  @Test
  void tryTake_overTheLimit_refusesUntilTokensRefill() {
    AtomicLong now = new AtomicLong(1_000);
    KeyedBuckets limits = new KeyedBuckets(3, Duration.ofMinutes(1), now::get);

    assertThat(limits.tryTake("a")).isTrue();
    assertThat(limits.tryTake("a")).isTrue();
    assertThat(limits.tryTake("a")).isTrue();
    assertThat(limits.tryTake("a")).isFalse();
    assertThat(limits.secondsUntilAvailable("a")).isEqualTo(20);
    assertThat(limits.tryTake("b")).isTrue(); // another key has its own bucket
    assertThat(limits.secondsUntilAvailable("never-seen")).isZero();

    now.addAndGet(20_000_000_000L); // 20 s: one token back at 3 per minute
    assertThat(limits.secondsUntilAvailable("a")).isZero();
    assertThat(limits.tryTake("a")).isTrue();
    assertThat(limits.tryTake("a")).isFalse();
  }
}
