package org.fanzha.server.system;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Record ids that sort in the order they were made: a prefix, sixteen hex digits of (milliseconds ×
 * 65,536 + a counter) and four random hex digits. Stored as primary keys they are appended at the
 * end of the index instead of scattered over it, which keeps a million-row import linear (random
 * keys made it quadratic on H2). The random tail keeps two servers writing one database from making
 * the same id in the same millisecond.
 */
public final class OrderedIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final String prefix;
  private final LongSupplier millis;
  private final AtomicLong last = new AtomicLong();

  /** Ids starting with {@code prefix}, timed by {@code millis} (e.g. {@code clock::millis}). */
  public OrderedIds(String prefix, LongSupplier millis) {
    this.prefix = prefix;
    this.millis = millis;
  }

  /**
   * Returns a new id, greater than every id this instance made before, even when the clock steps
   * back.
   */
  public String next() {
    long floor = millis.getAsLong() << 16;
    long n = last.updateAndGet(prev -> Math.max(prev + 1, floor));
    return prefix
        + HexFormat.of().toHexDigits(n)
        + HexFormat.of().toHexDigits((short) RANDOM.nextInt());
  }
}
