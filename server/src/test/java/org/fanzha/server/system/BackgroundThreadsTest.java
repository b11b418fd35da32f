package org.fanzha.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Stopping a background thread lets its step finish uninterrupted and drops what was scheduled. */
class BackgroundThreadsTest {

  @Test
  void stopWaitsForTheStepInProgressWithoutInterruptingIt() throws Exception {
    ScheduledExecutorService t = BackgroundThreads.single("test-background");
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    AtomicBoolean laterRan = new AtomicBoolean();
    t.execute(
        () -> {
          started.countDown();
          long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
          while (System.nanoTime() < until) {
            if (Thread.currentThread().isInterrupted()) {
              interrupted.set(true);
              return;
            }
          }
          finished.set(true);
        });
    t.schedule(() -> laterRan.set(true), 1, TimeUnit.HOURS);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    long t0 = System.nanoTime();
    BackgroundThreads.stop(t);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

    assertThat(interrupted).as("interrupted").isFalse();
    assertThat(finished).as("the step ran to its end before stop returned").isTrue();
    assertThat(t.isTerminated()).isTrue();
    assertThat(laterRan).as("a task scheduled for later is dropped").isFalse();
    assertThat(tookMs).as("not waiting for the task of an hour later").isLessThan(5_000);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
