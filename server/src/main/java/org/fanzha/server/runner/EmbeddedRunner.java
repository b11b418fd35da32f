package org.fanzha.server.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.engine.Action;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Level;
import org.fanzha.engine.Warning;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.subscriber.SubscriberScore;
import org.fanzha.server.system.RecentWindow;
import org.fanzha.store.AppendResult;
import org.fanzha.store.Database;
import org.fanzha.store.SnapshotStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine inside the server: every submission is journaled (committed) and then processed
 * by the one engine thread, and only then answered. Safe for any number of submitting threads.
 */
public final class EmbeddedRunner implements Runner {

  /*
   * Design.
   * 1. One thread owns the engine's writes ("fanzha-engine"). It takes the first waiting submission,
   *    drains whatever else is waiting (up to maxBatchSubmissions), journals all of it in one
   *    transaction (group commit) and then feeds the engine in journal order. Under load, batches
   *    grow and the cost of the commit is shared; when idle a single decide costs one small commit.
   *    This is the HTTP decision path, so nothing else (snapshot I/O, console reads) may hold that
   *    thread for long.
   * 2. Journal order is engine order. Sequence numbers come from the journal in the order the
   *    engine is then fed, so replaying the journal after a snapshot rebuilds exactly the state the
   *    live engine had: the restart test compares an entity's risk before a kill and after.
   * 3. Reads (console, entity look-ups) take the same lock as processing; they are short (a map
   *    look-up, a top-k) and happen every second or two, not per event.
   * 4. Snapshots are serialised on the engine thread (it must not change meanwhile) into memory and
   *    written to the database on another thread, so a slow database write never stalls decisions.
   *    If the process dies before that write completes, the previous snapshot plus a longer replay
   *    recover the same state.
   * 5. The journal's per-entity index (for "recent events" of an entity) is built by a background
   *    thread after the commit, so the acknowledgement waits only for the journal rows themselves.
   * 6. An engine failure on one event (any Throwable, an Error included) is logged and counted, and
   *    the event stays journaled; replay skips it the same way, so recovery cannot be blocked by one
   *    poisoned event and the engine thread never dies of one.
   * 8. A failed group commit is retried one submission at a time, so a submission the store refuses
   *    fails only its own caller, never the other callers that happened to share its commit.
   * 7. Journal listeners (fund tracing's transfer graph) see every journaled event of the types they
   *    name, in journal order, on this thread, right after the engine. They keep their state in
   *    memory only, so at start they first get the journal up to the snapshot (read for their types
   *    only: the graph needs transfers, not the calls and SMS that are most of the journal), then
   *    the replay after it, with the engine.
   */

  private static final Logger log = LoggerFactory.getLogger(EmbeddedRunner.class);
  private static final int RECENT_WARNINGS = 200;
  private static final int RECENT_DECISIONS = 20_000;

  /** Openings stopped or sent for review that the console lists, newest first. */
  private static final int RECENT_STOPPED_OPENINGS = 500;

  private final Database db;
  private final EngineConfig config;
  private final RunnerSettings settings;
  private final JournalListeners listeners;
  private final List<WarningListener> warningListeners;
  private final BlockingQueue<Submission> queue;
  private final ReentrantLock engineLock = new ReentrantLock();
  private final ExecutorService snapshotWriter =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "fanzha-snapshot");
            t.setDaemon(true);
            return t;
          });

  private final JournalIndexer indexer;

  private @Nullable Engine engine; // guarded by engineLock
  private @Nullable ShadowRun shadow; // guarded by engineLock
  private Map<String, Long> liveHitsAtShadowStart = Map.of(); // guarded by engineLock
  private @Nullable Thread thread;
  private volatile boolean running;
  private volatile boolean loopDone;

  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLongArray byLevel = new AtomicLongArray(Level.values().length);
  private final AtomicLong warningsRaised = new AtomicLong();
  private final AtomicLong engineErrors = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong journalNanos = new AtomicLong();
  private final AtomicLong engineNanos = new AtomicLong();
  private volatile long lastSeq;
  private long recoveredFromSeq;
  private long replayedAtStart;
  private final Object snapshotLock = new Object();
  private long sinceSnapshot; // guarded by snapshotLock once the engine thread runs
  private long lastSnapshotNanos = System.nanoTime(); // guarded by snapshotLock
  private final AtomicReference<ByteArrayOutputStream> spareSnapshotBuffer =
      new AtomicReference<>();
  private final Deque<Warning> recentWarnings = new ArrayDeque<>(); // guarded by itself

  /**
   * Openings answered delay or hold, newest first: rare, so kept apart from the busy map of recent
   * decisions.
   */
  private final Deque<Decision> stoppedOpenings = new ArrayDeque<>(); // guarded by itself

  private final RecentWindow<String, Decision> recentDecisions =
      new RecentWindow<>(RECENT_DECISIONS);

  private record Submission(List<? extends Event> events, CompletableFuture<Outcome> result) {}

  public EmbeddedRunner(Database db, EngineConfig config, RunnerSettings settings) {
    this(db, config, settings, List.of());
  }

  /**
   * Creates a runner whose listeners see every journaled event in journal order (design note 7).
   */
  public EmbeddedRunner(
      Database db, EngineConfig config, RunnerSettings settings, List<JournalListener> listeners) {
    this(db, config, settings, listeners, List.of());
  }

  /** ... and whose warning listeners see every warning the engine raises, on the engine thread. */
  public EmbeddedRunner(
      Database db,
      EngineConfig config,
      RunnerSettings settings,
      List<JournalListener> listeners,
      List<WarningListener> warningListeners) {
    this.db = db;
    this.indexer = new JournalIndexer(db.journal());
    this.config = config;
    this.settings = settings;
    this.listeners = new JournalListeners(listeners);
    this.warningListeners = List.copyOf(warningListeners);
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
  }

  /**
   * Recovers the engine (latest snapshot, then the journal after it) and starts the engine thread.
   * Returns when the engine is ready, so a server that has started answers from the full state.
   */
  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    long t0 = System.nanoTime();
    Engine e = null;
    long fromSeq = 0;
    try {
      Optional<SnapshotStore.Loaded<Engine>> snap =
          db.snapshots().loadLatest(in -> Engine.readSnapshot(in, config));
      if (snap.isPresent()) {
        e = snap.get().state();
        fromSeq = snap.get().seqCovered();
      }
    } catch (RuntimeException ex) {
      // An unreadable snapshot (e.g. written by an older engine) is not fatal: the journal has
      // everything.
      log.warn("Engine snapshot unreadable ({}); rebuilding from the whole journal", ex.toString());
      e = null;
      fromSeq = 0;
    }
    Engine engineNow = e != null ? e : new Engine(config);
    // Listeners first get the journal the snapshot covers (their types only), then the replay
    // below.
    listeners.catchUp(db.journal(), fromSeq);
    long[] seqHolder = {fromSeq};
    long replayed =
        db.journal()
            .forEachAfter(
                fromSeq,
                (seq, event) -> {
                  processOne(engineNow, event);
                  listeners.journaled(seq, event);
                  seqHolder[0] = seq;
                });
    List<Warning> replayedWarnings = engineNow.drainWarnings();
    if (fromSeq > 0) {
      // after a snapshot: the warnings of the last moments before the stop, which the listeners may
      // not have taken
      rememberWarnings(replayedWarnings, true);
    } else if (!replayedWarnings.isEmpty()) {
      // rebuilt from the whole journal (no snapshot, or an unreadable one): old episodes, long
      // dealt with or not,
      // are not turned into new work
      rememberWarnings(replayedWarnings, false);
      log.info(
          "{} warnings re-raised by the rebuild from the whole journal were not handed to the warning desk",
          replayedWarnings.size());
    }
    engineLock.lock();
    try {
      this.engine = engineNow;
    } finally {
      engineLock.unlock();
    }
    this.recoveredFromSeq = fromSeq;
    this.replayedAtStart = replayed;
    this.lastSeq = seqHolder[0];
    this.sinceSnapshot = replayed;
    log.info(
        "Engine recovered: snapshot up to seq {}, {} journal events replayed, in {} ms",
        fromSeq,
        replayed,
        Duration.ofNanos(System.nanoTime() - t0).toMillis());
    running = true;
    Thread t = new Thread(this::loop, "fanzha-engine");
    t.setDaemon(false);
    thread = t;
    t.start();
    indexer.start();
  }

  /**
   * Queues events for journaling and processing; the future completes once they are committed to
   * the journal and processed, with one item per event in order.
   *
   * @throws RejectedExecutionException when the queue is full or the runner is not running
   */
  @Override
  public CompletableFuture<Outcome> submit(List<? extends Event> events) {
    if (!running) {
      throw new RejectedExecutionException("the engine runner is not running");
    }
    CompletableFuture<Outcome> f = new CompletableFuture<>();
    if (events.isEmpty()) {
      f.complete(new Outcome(List.of()));
      return f;
    }
    Submission s = new Submission(List.copyOf(events), f);
    if (!queue.offer(s)) {
      throw new RejectedExecutionException(
          "the engine queue is full (" + settings.queueCapacity() + " submissions)");
    }
    if (loopDone && queue.remove(s)) {
      // The loop ended between the check above and the offer: nobody would ever take this one.
      throw new RejectedExecutionException("the engine runner is stopping");
    }
    return f;
  }

  /**
   * Scores every later event with {@code book}: swapped between two batches, under the engine lock,
   * so no event is lost or scored twice; then a snapshot is saved at once, so a restart replays
   * what follows with the same book.
   *
   * @throws IllegalArgumentException when the engine cannot adopt the book (see {@code RuleCodes});
   *     the rules in force are then unchanged
   */
  @Override
  public void useRules(RuleBook book, String source) {
    engineLock.lock();
    try {
      engineOrThrow().useRules(book);
    } finally {
      engineLock.unlock();
    }
    synchronized (snapshotLock) {
      sinceSnapshot = Math.max(sinceSnapshot, 1);
      snapshotIfDue(true);
    }
  }

  /**
   * Starts scoring every later event with {@code book} as well, in a second engine copied from the
   * live one's state, without acting on its decisions; replaces any shadow running.
   */
  @Override
  public void startShadow(long version, RuleBook book) {
    engineLock.lock();
    try {
      Engine live = engineOrThrow();
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
      live.writeSnapshot(out);
      Engine copy =
          Engine.readSnapshot(
              new java.io.ByteArrayInputStream(out.toByteArray()), config.withRules(book));
      shadow = new ShadowRun(version, copy, System.currentTimeMillis());
      liveHitsAtShadowStart = new java.util.HashMap<>(live.ruleHits());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      engineLock.unlock();
    }
  }

  /** Stops the shadow run, if any. */
  @Override
  public void stopShadow() {
    engineLock.lock();
    try {
      shadow = null;
    } finally {
      engineLock.unlock();
    }
  }

  /** Returns the statistics of the shadow run of {@code version}, if it is the one running. */
  @Override
  public Optional<ShadowStats> shadowStats(long version) {
    engineLock.lock();
    try {
      ShadowRun s = shadow;
      if (s == null || s.version() != version) {
        return Optional.empty();
      }
      Map<String, Long> liveHits = new java.util.HashMap<>();
      engineOrThrow()
          .ruleHits()
          .forEach(
              (code, n) -> liveHits.put(code, n - liveHitsAtShadowStart.getOrDefault(code, 0L)));
      return Optional.of(s.stats(liveHits));
    } finally {
      engineLock.unlock();
    }
  }

  /** Returns the version in shadow, if one is running. */
  @Override
  public Optional<Long> shadowVersion() {
    engineLock.lock();
    try {
      return shadow == null ? Optional.empty() : Optional.of(shadow.version());
    } finally {
      engineLock.unlock();
    }
  }

  @Override
  public CompletableFuture<Outcome> decide(Event event) {
    return submit(List.of(event));
  }

  @Override
  public Optional<SubscriberScore> subscriber(String phone) {
    return read(e -> e.subscriber(phone));
  }

  @Override
  public Optional<EntityRisk> entity(EntityKind kind, String id) {
    return read(e -> e.entity(kind, id));
  }

  @Override
  public Optional<ModelOpinion> modelOpinion(EntityKind kind, String id) {
    return read(
        e -> {
          double score = e.modelScore(kind, id);
          return Double.isNaN(score)
              ? Optional.<ModelOpinion>empty()
              : Optional.of(
                  new ModelOpinion(e.models().version(), score, e.modelReasons(kind, id, 5)));
        });
  }

  @Override
  public List<EntityRisk> riskiest(int limit) {
    return read(e -> e.riskiest(limit));
  }

  @Override
  public Map<String, Long> ruleHits() {
    return read(Engine::ruleHits);
  }

  @Override
  public RuleBook rules() {
    return read(Engine::rules);
  }

  /** Runs a read against the engine while no event is being processed. */
  public <T> T read(Function<Engine, T> reader) {
    engineLock.lock();
    try {
      if (engine == null) {
        throw new IllegalStateException("the engine runner has not started");
      }
      return reader.apply(engine);
    } finally {
      engineLock.unlock();
    }
  }

  /** Returns the decision taken for a recently processed event, if it is still remembered. */
  @Override
  public Optional<Decision> recentDecision(String eventId) {
    return recentDecisions.get(eventId);
  }

  @Override
  public List<Decision> recentStoppedOpenings(int limit) {
    synchronized (stoppedOpenings) {
      return stoppedOpenings.stream().limit(limit).toList();
    }
  }

  /** Returns up to {@code limit} most recent early warnings, newest first. */
  @Override
  public List<Warning> recentWarnings(int limit) {
    synchronized (recentWarnings) {
      List<Warning> out = new ArrayList<>(Math.min(limit, recentWarnings.size()));
      for (Warning w : recentWarnings) {
        if (out.size() == limit) {
          break;
        }
        out.add(w);
      }
      return out;
    }
  }

  /** Returns the counters now. */
  @Override
  public RunnerStats stats() {
    Map<Level, Long> levels = new EnumMap<>(Level.class);
    for (Level l : Level.values()) {
      levels.put(l, byLevel.get(l.ordinal()));
    }
    return new RunnerStats(
        processed.get(),
        duplicates.get(),
        levels,
        warningsRaised.get(),
        engineErrors.get(),
        lastSeq,
        recoveredFromSeq,
        replayedAtStart,
        queue.size(),
        batches.get(),
        journalNanos.get(),
        engineNanos.get());
  }

  /** Returns whether the engine thread is running. */
  @Override
  public boolean isRunning() {
    return running && thread != null && thread.isAlive();
  }

  private void loop() {
    List<Submission> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Submission first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, settings.maxBatchSubmissions() - 1);
          handle(batch);
          batch.clear();
        }
        maybeSnapshot(false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Throwable e) {
        // Never let the engine thread die, not even of an Error: fail this batch's callers and go
        // on.
        log.error("Engine batch failed", e);
        for (Submission s : batch) {
          s.result().completeExceptionally(e);
        }
        batch.clear();
      }
    }
    loopDone = true;
    for (Submission s; (s = queue.poll()) != null; ) {
      s.result().completeExceptionally(new RejectedExecutionException("the engine runner stopped"));
    }
  }

  private void handle(List<Submission> batch) {
    List<Event> all = new ArrayList<>();
    for (Submission s : batch) {
      all.addAll(s.events());
    }
    AppendResult appended;
    long t0 = System.nanoTime();
    try {
      appended = db.journal().append(all);
    } catch (RuntimeException e) {
      if (batch.size() > 1) {
        log.warn(
            "Group commit of {} submissions failed ({}); committing them one by one",
            batch.size(),
            e.toString());
        for (Submission s : batch) {
          handle(List.of(s));
        }
        return;
      }
      log.error("Journal append failed; {} events not accepted", all.size(), e);
      batch.get(0).result().completeExceptionally(e);
      return;
    }
    long t1 = System.nanoTime();
    journalNanos.addAndGet(t1 - t0);
    batches.incrementAndGet();
    List<Outcome.Item> items = new ArrayList<>(all.size());
    List<Warning> warnings;
    engineLock.lock();
    try {
      Engine e = engineOrThrow();
      for (int i = 0; i < all.size(); i++) {
        Event ev = all.get(i);
        long seq = appended.seq(i);
        if (seq == 0) {
          items.add(new Outcome.Item(ev.id(), 0, null));
          continue;
        }
        Decision d = processOne(e, ev);
        items.add(new Outcome.Item(ev.id(), seq, d));
        if (shadow != null && d != null) {
          shadow.score(ev, d);
        }
        listeners.journaled(seq, ev);
        lastSeq = seq;
      }
      warnings = e.drainWarnings();
    } finally {
      engineLock.unlock();
    }
    engineNanos.addAndGet(System.nanoTime() - t1);
    duplicates.addAndGet(appended.duplicates());
    synchronized (snapshotLock) {
      sinceSnapshot += appended.appended();
    }
    rememberWarnings(warnings, true);
    int at = 0;
    for (Submission s : batch) {
      int n = s.events().size();
      s.result().complete(new Outcome(items.subList(at, at + n)));
      at += n;
    }
  }

  private @Nullable Decision processOne(Engine e, Event event) {
    Decision d;
    try {
      d = e.process(event);
    } catch (RuntimeException | Error ex) {
      engineErrors.incrementAndGet();
      log.error("Engine failed on event {}; it stays journaled and is skipped", event.id(), ex);
      return null;
    }
    processed.incrementAndGet();
    if (!d.isNone()) {
      byLevel.incrementAndGet(d.level().ordinal());
    }
    recentDecisions.put(event.id(), d);
    if (event.type() == EventType.OPENING && d.action().compareTo(Action.DELAY) >= 0) {
      synchronized (stoppedOpenings) {
        stoppedOpenings.addFirst(d);
        if (stoppedOpenings.size() > RECENT_STOPPED_OPENINGS) {
          stoppedOpenings.removeLast();
        }
      }
    }
    return d;
  }

  /** Returns how many times a journal listener threw (each logged). */
  public long listenerErrors() {
    return listeners.errors();
  }

  private void rememberWarnings(List<Warning> warnings, boolean toListeners) {
    if (warnings.isEmpty()) {
      return;
    }
    warningsRaised.addAndGet(warnings.size());
    for (Warning w : toListeners ? warnings : List.<Warning>of()) {
      for (WarningListener l : warningListeners) {
        try {
          l.raised(w);
        } catch (RuntimeException e) {
          log.error("Warning listener {} failed on {}", l.getClass().getSimpleName(), w.id(), e);
        }
      }
    }
    synchronized (recentWarnings) {
      for (Warning w : warnings) {
        recentWarnings.addFirst(w);
        if (recentWarnings.size() > RECENT_WARNINGS) {
          recentWarnings.removeLast();
        }
      }
    }
  }

  private Engine engineOrThrow() {
    Engine e = engine;
    if (e == null) {
      throw new IllegalStateException("the engine runner has not started");
    }
    return e;
  }

  private void maybeSnapshot(boolean force) {
    synchronized (snapshotLock) { // the engine thread, and a thread publishing rules (useRules)
      snapshotIfDue(force);
    }
  }

  private void snapshotIfDue(boolean force) {
    boolean due =
        sinceSnapshot >= settings.snapshotEveryEvents()
            || (sinceSnapshot > 0
                && System.nanoTime() - lastSnapshotNanos >= settings.snapshotInterval().toNanos());
    if (!(force ? sinceSnapshot > 0 : due)) {
      return;
    }
    long seq;
    long started = System.nanoTime();
    // the buffer the last save gave back: a new one of megabytes is allocated and zeroed
    ByteArrayOutputStream buffer = spareSnapshotBuffer.getAndSet(null);
    ByteArrayOutputStream out = buffer != null ? buffer : new ByteArrayOutputStream(1 << 20);
    engineLock.lock();
    try {
      seq = lastSeq;
      engineOrThrow().writeSnapshot(out);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } finally {
      engineLock.unlock();
    }
    long heldMillis = (System.nanoTime() - started) / 1_000_000; // decisions waited this long
    sinceSnapshot = 0;
    lastSnapshotNanos = System.nanoTime();
    Runnable write =
        () -> {
          long size = db.snapshots().save(seq, out::writeTo); // no copy on the engine thread
          out.reset();
          spareSnapshotBuffer.set(out);
          log.info(
              "Engine snapshot saved: up to seq {}, {} bytes, the engine held {} ms",
              seq,
              size,
              heldMillis);
        };
    if (force) {
      write.run();
    } else {
      snapshotWriter.execute(
          () -> {
            try {
              write.run();
            } catch (RuntimeException ex) {
              log.warn("Engine snapshot not saved; the journal still covers it", ex);
            }
          });
    }
  }

  /** Stops the engine thread without a final snapshot, as a crash would; for recovery tests. */
  synchronized void stopWithoutSnapshot() {
    running = false;
    // Never interrupt threads that may be writing: an interrupted FileChannel closes H2's file.
    indexer.shutdown();
    Thread t = thread;
    if (t != null) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    snapshotWriter.shutdown();
    try {
      indexer.awaitTermination(30, TimeUnit.SECONDS);
      snapshotWriter.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops taking submissions, finishes the queued ones, saves a final snapshot and stops the engine
   * thread. The database stays open (its owner closes it).
   */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    Thread t = thread;
    if (t != null) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    indexer.shutdown();
    snapshotWriter.shutdown();
    try {
      snapshotWriter.awaitTermination(30, TimeUnit.SECONDS);
      indexer.awaitTermination(30, TimeUnit.SECONDS);
      maybeSnapshot(true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("Final engine snapshot not saved; the journal still covers it", e);
    }
  }
}
