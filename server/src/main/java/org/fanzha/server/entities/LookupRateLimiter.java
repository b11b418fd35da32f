package org.fanzha.server.entities;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Limits anonymous look-ups per client address (a token bucket each), so the public look-up cannot
 * be used to enumerate phones or accounts (DESIGN principle 5). Signed-in analysts are not limited.
 */
public final class LookupRateLimiter {

  private final int perMinute;
  private final LongSupplier nanoClock;
  private final Map<String, long[]> buckets = new ConcurrentHashMap<>(); // [tokens*1e9 scaled, last nanos]

  /** Creates a limiter allowing {@code perMinute} look-ups per client per minute, timed by {@code nanoClock}. */
  public LookupRateLimiter(int perMinute, LongSupplier nanoClock) {
    this.perMinute = perMinute;
    this.nanoClock = nanoClock;
  }

  /** Returns whether this client may look up one more entity now, and takes a token if so. */
  public boolean tryAcquire(String client) {
    long now = nanoClock.getAsLong();
    if (buckets.size() > 100_000) {
      prune(now);
    }
    long[] b = buckets.computeIfAbsent(client, k -> new long[] {perMinute * 1_000_000_000L, now});
    synchronized (b) {
      // Refill: perMinute tokens per 60 s, kept in nano-token units to stay integral.
      long refill = (now - b[1]) * perMinute / 60;
      b[0] = Math.min(perMinute * 1_000_000_000L, b[0] + refill);
      b[1] = now;
      if (b[0] < 1_000_000_000L) {
        return false;
      }
      b[0] -= 1_000_000_000L;
      return true;
    }
  }

  private void prune(long now) {
    for (Iterator<long[]> it = buckets.values().iterator(); it.hasNext(); ) {
      long[] b = it.next();
      if (now - b[1] > 120_000_000_000L) {
        it.remove();
      }
    }
  }
}
