package org.fanzha.server.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fanzha.core.event.Event;
import org.fanzha.server.runner.Runner;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import org.fanzha.store.Database;
import org.fanzha.store.JournalEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Streams a simulated city into the runner, as any other source would (journaled, deduplicated), in
 * accelerated real time: {@code speed} simulated seconds pass per real second. The world's history
 * before its first day (openings, earlier life) goes in at full speed so the console has something
 * to show at once. Restarted on the same data folder it resumes after the last journaled event
 * instead of sending the same events again.
 */
@Component
@ConditionalOnProperty(name = "fanzha.demo.enabled", havingValue = "true")
class DemoStreamer implements SmartLifecycle, DemoStatus {

  private static final Logger log = LoggerFactory.getLogger(DemoStreamer.class);
  private static final int BATCH = 1_000;
  private static final long FLUSH_NANOS = 100_000_000L;

  private final Runner runner;
  private final Database db;
  private final SimConfig config;
  private final double speed;
  private volatile boolean running;
  private volatile long streamed;
  private volatile long simulatedNow;
  private volatile boolean finished;
  private @Nullable Thread thread;
  private final Object wake = new Object();

  /** Thrown inside the world's callback to stop generating when the server stops. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  DemoStreamer(Runner runner, Database db, DemoSettings settings) {
    this.runner = runner;
    this.db = db;
    this.config = SimConfig.of(settings.seed(), settings.people(), settings.days());
    this.speed = settings.speed();
  }

  @Override
  public synchronized void start() {
    running = true;
    thread = new Thread(this::stream, "fanzha-demo");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    // Wake the streamer rather than interrupt it: an interrupt inside a database write would close
    // H2's file channel.
    synchronized (wake) {
      wake.notifyAll();
    }
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before the runner (default phase) so the last batch is still taken. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }

  /**
   * Returns the demo's progress for the console: events sent, the simulated clock, whether done.
   */
  @Override
  public DemoProgress progress() {
    return new DemoProgress(streamed, simulatedNow, finished, speed);
  }

  private void stream() {
    long t0 = System.nanoTime();
    World world = World.generate(config);
    long resumeAfter =
        db.journal().latest().map(JournalEntry::event).map(Event::ts).orElse(Long.MIN_VALUE);
    log.info(
        "Demo city generated in {} ms (seed {}, {} people, {} days); streaming at {}x{}",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
        config.seed(),
        config.people(),
        config.days(),
        speed,
        resumeAfter == Long.MIN_VALUE ? "" : ", resuming after the last journaled event");
    long paceOrigin = Math.max(config.startMillis(), resumeAfter);
    List<Event> buffer = new ArrayList<>(BATCH);
    long[] liveStart = {-1};
    long[] lastFlush = {System.nanoTime()};
    try {
      world.forEachEvent(
          e -> {
            if (!running) {
              throw new Stop();
            }
            if (e.ts() <= resumeAfter) {
              return;
            }
            if (e.ts() >= paceOrigin) {
              if (liveStart[0] < 0) {
                flush(buffer);
                liveStart[0] = System.nanoTime();
              }
              long due = liveStart[0] + (long) ((e.ts() - paceOrigin) * 1_000_000.0 / speed);
              long wait = due - System.nanoTime();
              if (wait > 0) {
                flush(buffer);
                lastFlush[0] = System.nanoTime();
                sleepNanos(wait);
              }
            }
            buffer.add(e);
            simulatedNow = e.ts();
            long now = System.nanoTime();
            if (buffer.size() >= BATCH || now - lastFlush[0] >= FLUSH_NANOS) {
              flush(buffer);
              lastFlush[0] = now;
            }
          });
      flush(buffer);
      finished = true;
      log.info("Demo city finished: {} events streamed", streamed);
    } catch (Stop s) {
      log.info("Demo stopped after {} events", streamed);
    } catch (RuntimeException ex) {
      log.error("Demo stream failed after {} events", streamed, ex);
    }
  }

  private void flush(List<Event> buffer) {
    if (buffer.isEmpty()) {
      return;
    }
    while (running) {
      try {
        runner.submit(buffer).get(60, TimeUnit.SECONDS);
        streamed += buffer.size();
        buffer.clear();
        return;
      } catch (RejectedExecutionException | TimeoutException | ExecutionException e) {
        // Queue full or the store busy: back off and send the same batch again (ids make it safe).
        log.debug("Demo batch not taken yet: {}", e.toString());
        sleepNanos(200_000_000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stop();
      }
    }
    throw new Stop();
  }

  private void sleepNanos(long nanos) {
    long until = System.nanoTime() + nanos;
    synchronized (wake) {
      for (long left = nanos; left > 0 && running; left = until - System.nanoTime()) {
        try {
          TimeUnit.NANOSECONDS.timedWait(wake, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Stop();
        }
      }
    }
    if (!running) {
      throw new Stop();
    }
  }
}
