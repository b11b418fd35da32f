package org.fanzha.graph.funds;

import java.time.Duration;

/**
 * The limits of a trace: allocation policy, how many hops to follow, how long after the seed to
 * follow money, the smallest fragment worth following and a work budget.
 *
 * @param policy how traced money is separated from other money in an account
 * @param maxHops the deepest tier followed; money reaching a tier-{@code maxHops} account stays
 *     there as a holding (LAW.md: tracing depth is a setting)
 * @param window how long after the seed money is followed; later payments are not seen
 * @param lookback how far before the seed each account's balance is rebuilt from (from zero), so
 *     that traces of different victims agree on what each account held
 * @param minAmountFen fragments below this are not followed and count as untraced
 * @param maxSteps edges the trace may look at before it stops and reports what it has ({@code
 *     truncated}); guards the interactive path against hub accounts
 */
public record TraceSettings(
    AllocationPolicy policy,
    int maxHops,
    Duration window,
    Duration lookback,
    long minAmountFen,
    long maxSteps) {

  /** FIFO, 6 hops, 7 days forward, 7 days lookback, 1 yuan, 5 million steps. */
  public static final TraceSettings DEFAULTS =
      new TraceSettings(
          AllocationPolicy.FIFO, 6, Duration.ofDays(7), Duration.ofDays(7), 100, 5_000_000);

  public TraceSettings {
    if (maxHops < 1 || maxHops > 64) {
      throw new IllegalArgumentException("maxHops must be 1..64, was " + maxHops);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    if (lookback.isNegative()) {
      throw new IllegalArgumentException("lookback must be >= 0, was " + lookback);
    }
    if (minAmountFen < 0) {
      throw new IllegalArgumentException("minAmountFen must be >= 0, was " + minAmountFen);
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be >= 1, was " + maxSteps);
    }
  }

  /** Returns these settings with another allocation policy. */
  public TraceSettings withPolicy(AllocationPolicy p) {
    return new TraceSettings(p, maxHops, window, lookback, minAmountFen, maxSteps);
  }

  /** Returns these settings with another hop limit. */
  public TraceSettings withMaxHops(int hops) {
    return new TraceSettings(policy, hops, window, lookback, minAmountFen, maxSteps);
  }

  /** Returns these settings with another time window. */
  public TraceSettings withWindow(Duration w) {
    return new TraceSettings(policy, maxHops, w, lookback, minAmountFen, maxSteps);
  }

  /** Returns these settings with another lookback. */
  public TraceSettings withLookback(Duration l) {
    return new TraceSettings(policy, maxHops, window, l, minAmountFen, maxSteps);
  }

  /** Returns these settings with another minimum fragment, in fen. */
  public TraceSettings withMinAmountFen(long fen) {
    return new TraceSettings(policy, maxHops, window, lookback, fen, maxSteps);
  }

  /** Returns these settings with another step budget. */
  public TraceSettings withMaxSteps(long steps) {
    return new TraceSettings(policy, maxHops, window, lookback, minAmountFen, steps);
  }
}
