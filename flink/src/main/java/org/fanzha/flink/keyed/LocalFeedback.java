package org.fanzha.flink.keyed;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The path requests take back to the stages in a local replay (decision 0023): the whole job runs
 * in one JVM's mini-cluster, so a queue per run carries them from the stage operators to {@link
 * FeedbackSource}, and a count of what is in flight (events not yet decided, requests not yet
 * carried out) tells the source when the run is over. A job on a cluster uses a feedback topic
 * instead.
 */
public final class LocalFeedback {
  private static final Map<String, LocalFeedback> RUNS = new ConcurrentHashMap<>();

  private final LinkedBlockingQueue<Hop> requests = new LinkedBlockingQueue<>();
  private final AtomicLong inFlight = new AtomicLong();

  /**
   * The input times ({@link Hop#at}) of what is in flight (events and requests), to hold the input
   * to their pace.
   */
  private final java.util.TreeMap<Long, Integer> times = new java.util.TreeMap<>();

  private volatile boolean inputEnded;

  /** Completed at the next change the source waits for; then replaced. */
  private CompletableFuture<Void> changed = new CompletableFuture<>(); // guarded by this

  private LocalFeedback() {}

  /** Returns the channel of run {@code id}, made on first use. */
  public static LocalFeedback of(String id) {
    return RUNS.computeIfAbsent(id, k -> new LocalFeedback());
  }

  /** Forgets run {@code id}. */
  public static void close(String id) {
    RUNS.remove(id);
  }

  /**
   * An event enters the run at input time {@code ts}, once nothing in flight entered more than
   * {@code aheadMs} of input time before: a replay reads a day in seconds, and an event must not
   * overtake the requests of one minutes before it (a victim's money counted against a mule before
   * the mule pays it on), as in a live stream it would not.
   */
  void eventIn(long ts, long aheadMs) throws InterruptedException {
    synchronized (times) {
      while (!times.isEmpty() && times.firstKey() < ts - aheadMs) {
        times.wait(5);
      }
      add(ts, 1);
    }
    inFlight.incrementAndGet();
  }

  /** The event of time {@code ts} was decided. */
  void eventOut(long ts) {
    synchronized (times) {
      add(ts, -1);
    }
    if (inFlight.decrementAndGet() == 0) {
      signal(); // the run may be over; a queued request signalled when it was sent
    }
  }

  /** A request was made: it is in flight until {@link #requestDone}. */
  void send(Hop request, long ts) {
    synchronized (times) {
      add(ts, 1);
    }
    inFlight.incrementAndGet();
    requests.add(request);
    signal();
  }

  /** The request of time {@code ts} was carried out. */
  void requestDone(long ts) {
    synchronized (times) {
      add(ts, -1);
    }
    if (inFlight.decrementAndGet() == 0) {
      signal(); // the run may be over; a queued request signalled when it was sent
    }
  }

  private void add(long ts, int n) {
    int left = times.getOrDefault(ts, 0) + n;
    if (left == 0) {
      times.remove(ts);
      times.notifyAll();
    } else {
      times.put(ts, left);
    }
  }

  /** No more events will enter. */
  void inputEnded() {
    inputEnded = true;
    signal();
  }

  /** Returns the next request, or null when none waits. */
  @Nullable Hop poll() {
    return requests.poll();
  }

  /**
   * Returns a future completed at the next change that may give the source work or end the run (a
   * request sent, an event decided, a request carried out, the input's end); take it before
   * looking, so a change meanwhile is not missed.
   */
  synchronized CompletableFuture<Void> nextChange() {
    return changed;
  }

  private void signal() {
    CompletableFuture<Void> now;
    synchronized (this) {
      now = changed;
      changed = new CompletableFuture<>();
    }
    now.complete(null);
  }

  /**
   * Returns whether the run is over: every event in, every event decided, every request carried
   * out.
   */
  boolean over() {
    return inputEnded && inFlight.get() == 0 && requests.isEmpty();
  }
}
