package org.fanzha.server.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a client address, a user name): {@code capacity} tokens, refilled
 * smoothly at {@code capacity} per {@code period}. Buckets live in a bounded cache that forgets a
 * key once its bucket would be full again, so an attacker cycling keys cannot grow memory.
 */
public final class KeyedBuckets {

  private static final long MAX_KEYS = 200_000;

  private final long capacity;
  private final Duration period;
  private final TimeMeter time;
  private final Cache<String, Bucket> buckets;

  /**
   * Creates buckets of {@code capacity} tokens refilled at {@code capacity} per {@code period}, on
   * {@code nanoClock}.
   */
  public KeyedBuckets(long capacity, Duration period, LongSupplier nanoClock) {
    if (capacity < 1 || period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException(
          "capacity must be ≥ 1 and period positive: " + capacity + ", " + period);
    }
    this.capacity = capacity;
    this.period = period;
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return nanoClock.getAsLong();
          }

          @Override
          public boolean isWallClockBased() {
            return false;
          }
        };
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(MAX_KEYS)
            .expireAfterAccess(period)
            .ticker(nanoClock::getAsLong)
            .build();
  }

  /** Returns buckets allowing {@code perMinute} per key per minute on the system clock. */
  public static KeyedBuckets perMinute(long perMinute) {
    return new KeyedBuckets(perMinute, Duration.ofMinutes(1), System::nanoTime);
  }

  /** Takes a token of the key's bucket if there is one; returns whether it did. */
  public boolean tryTake(String key) {
    return bucket(key).tryConsume(1);
  }

  /**
   * Returns how many seconds (rounded up) until the key's bucket holds a token again; 0 if it holds
   * one now.
   */
  public long secondsUntilAvailable(String key) {
    Bucket b = buckets.getIfPresent(key);
    if (b == null) {
      return 0;
    }
    long nanos = b.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
  }

  private Bucket bucket(String key) {
    return buckets.get(
        key,
        k ->
            Bucket.builder()
                .addLimit(l -> l.capacity(capacity).refillGreedy(capacity, period))
                .withCustomTimePrecision(time)
                .build());
  }
}
