package org.fanzha.server.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LookupRateLimiterTest {

  @Test
  void tryAcquire_overTheLimit_refusesUntilTokensRefill() {
    AtomicLong now = new AtomicLong(0);
    LookupRateLimiter limiter = new LookupRateLimiter(3, now::get);

    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
    assertThat(limiter.tryAcquire("b")).isTrue(); // another client has its own bucket

    now.addAndGet(20_000_000_000L); // 20 s: one token back at 3 per minute
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
  }
}
