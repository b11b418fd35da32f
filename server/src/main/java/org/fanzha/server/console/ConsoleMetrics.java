package org.fanzha.server.console;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.system.BackgroundThreads;
import org.springframework.stereotype.Component;

/**
 * Samples the runner's processed-events counter once a second and keeps the last two minutes of
 * events-per-second, for the console's live line chart.
 */
@Component
class ConsoleMetrics {

  static final int SAMPLES = 120;

  private final Runner runner;
  private final ScheduledExecutorService timer = BackgroundThreads.single("fanzha-console-sampler");
  private final long[] at = new long[SAMPLES];
  private final double[] rate = new double[SAMPLES];
  private int count; // guarded by this
  private int next; // guarded by this
  private long lastProcessed;
  private long lastNanos;

  /** One point of the series. */
  record Point(long epochMs, double eventsPerSecond) {}

  ConsoleMetrics(Runner runner) {
    this.runner = runner;
    this.lastProcessed = runner.stats().processed(); // recovery's replay is not live traffic
    this.lastNanos = System.nanoTime();
    timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
  }

  void sample() {
    long p = runner.stats().processed();
    long now = System.nanoTime();
    double r = (p - lastProcessed) * 1e9 / Math.max(1, now - lastNanos);
    lastProcessed = p;
    lastNanos = now;
    record(System.currentTimeMillis(), r);
  }

  synchronized void record(long epochMs, double eventsPerSecond) {
    at[next] = epochMs;
    rate[next] = eventsPerSecond;
    next = (next + 1) % SAMPLES;
    count = Math.min(SAMPLES, count + 1);
  }

  /** Returns the kept points, oldest first. */
  synchronized List<Point> series() {
    List<Point> out = new ArrayList<>(count);
    int start = (next - count + SAMPLES) % SAMPLES;
    for (int i = 0; i < count; i++) {
      int k = (start + i) % SAMPLES;
      out.add(new Point(at[k], rate[k]));
    }
    return out;
  }

  /** Returns the latest rate, 0 before the first sample. */
  synchronized double now() {
    return count == 0 ? 0 : rate[(next - 1 + SAMPLES) % SAMPLES];
  }

  @PreDestroy
  void stop() {
    BackgroundThreads.stop(timer);
  }
}
