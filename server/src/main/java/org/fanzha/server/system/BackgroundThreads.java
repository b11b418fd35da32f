package org.fanzha.server.system;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's background threads: one daemon thread each, for work that reads or writes the
 * database on a schedule (escalations, scans, pushes, the gang search).
 *
 * <p>They are stopped without an interrupt. An interrupted thread inside a file read or write makes
 * H2 close the whole database, and every other writer then fails: a re-verification scan cut at
 * shutdown logged one failure for each entity it had left, and the runner's last journal copy could
 * have met a closed store.
 */
public final class BackgroundThreads {
  private static final Logger log = LoggerFactory.getLogger(BackgroundThreads.class);
  private static final long STOP_WAIT_SECONDS = 10;

  private BackgroundThreads() {}

  /** A scheduler on one daemon thread named {@code name}; delayed tasks are dropped at stop. */
  public static ScheduledExecutorService single(String name) {
    ScheduledThreadPoolExecutor e =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    e.setRemoveOnCancelPolicy(true);
    return e;
  }

  /**
   * Stops taking work and waits for the step in progress (10 s at most, then leaves the daemon
   * thread to finish on its own); never interrupts it. A loop over many items should check {@link
   * ExecutorService#isShutdown()} between them.
   */
  public static void stop(ExecutorService executor) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("A background step still runs {} s after stop; left to finish", STOP_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
