package org.fanzha.server.runner;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the embedded runner batches and snapshots ({@code fanzha.runner.*}).
 *
 * @param queueCapacity submissions waiting at most; beyond it {@link EmbeddedRunner#submit} refuses
 *     (the API answers 503) rather than let memory grow without bound
 * @param maxBatchSubmissions submissions grouped into one journal commit at most
 * @param snapshotEveryEvents take a snapshot after this many newly processed events
 * @param snapshotInterval and at least this often while events arrive
 */
@ConfigurationProperties("fanzha.runner")
@Validated
public record RunnerSettings(
    @DefaultValue(QUEUE_CAPACITY) @Min(1) int queueCapacity,
    @DefaultValue(MAX_BATCH) @Min(1) int maxBatchSubmissions,
    @DefaultValue(SNAPSHOT_EVERY) @Min(1) long snapshotEveryEvents,
    @DefaultValue(SNAPSHOT_INTERVAL) @DurationMin(seconds = 1) Duration snapshotInterval) {

  // the defaults, once: for the binder and for runners made in code
  private static final String QUEUE_CAPACITY = "20000";
  private static final String MAX_BATCH = "512";
  private static final String SNAPSHOT_EVERY = "200000";
  private static final String SNAPSHOT_INTERVAL = "PT5M";

  /** Returns the settings used unless configured otherwise. */
  public static RunnerSettings defaults() {
    return new RunnerSettings(
        Integer.parseInt(QUEUE_CAPACITY),
        Integer.parseInt(MAX_BATCH),
        Long.parseLong(SNAPSHOT_EVERY),
        Duration.parse(SNAPSHOT_INTERVAL));
  }
}
