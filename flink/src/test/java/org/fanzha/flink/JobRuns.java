package org.fanzha.flink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.jspecify.annotations.Nullable;

/**
 * What the streaming jobs' tests share: how a job is started, waited on and stopped, and input cut
 * in chunks.
 */
final class JobRuns {

  private JobRuns() {}

  /**
   * A job's configuration: checkpoints under {@code dir}, restarts after a failure, the state
   * backend, and the savepoint to resume from (none: a fresh start).
   */
  static Configuration configuration(Path dir, String stateBackend, @Nullable String savepoint) {
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    return conf;
  }

  /**
   * Waits until {@code done}, failing with the job's own failure if it ends first, or after {@code
   * patience}.
   */
  static void await(JobClient job, BooleanSupplier done, String what, Duration patience)
      throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!done.getAsBoolean()) {
      if (job.getJobStatus().get().isGloballyTerminalState()) {
        job.getJobExecutionResult().get(); // throws the job's failure
        throw new AssertionError("the job ended before " + what);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what + " after " + patience);
      }
      Thread.sleep(100);
    }
  }

  /**
   * Cancels a job still running (a failed one has nothing to cancel, and its failure is the test's
   * answer) and waits until it has stopped: a cancel is acknowledged before the tasks end, and a
   * checkpoint still being written then races the deletion of the test's folder.
   */
  static void cancel(JobClient job) throws Exception {
    if (!job.getJobStatus().get().isGloballyTerminalState()) {
      job.cancel().get();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!job.getJobStatus().get().isGloballyTerminalState() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(
        500); // the checkpoint coordinator disposes of a pending checkpoint's files after the job
    // ends
  }

  /** {@code lines} in {@code n} chunks of about the same size, in order. */
  static List<List<String>> chunks(List<String> lines, int n) {
    List<List<String>> out = new ArrayList<>();
    int size = (lines.size() + n - 1) / n;
    for (int i = 0; i < lines.size(); i += size) {
      out.add(lines.subList(i, Math.min(lines.size(), i + size)));
    }
    return out;
  }
}
