package org.fanzha.server.runner;

import java.time.Duration;

/**
 * How the embedded runner batches and snapshots.
 *
 * @param queueCapacity submissions waiting at most; beyond it {@link EmbeddedRunner#submit} refuses
 *     (the API answers 503) rather than let memory grow without bound
 * @param maxBatchSubmissions submissions grouped into one journal commit at most
 * @param snapshotEveryEvents take a snapshot after this many newly processed events
 * @param snapshotInterval and at least this often while events arrive
 */
public record RunnerSettings(int queueCapacity, int maxBatchSubmissions, long snapshotEveryEvents, Duration snapshotInterval) {

  /** Returns the settings used unless configured otherwise. */
  public static RunnerSettings defaults() {
    return new RunnerSettings(20_000, 512, 200_000, Duration.ofMinutes(5));
  }
}
