package org.fanzha.server.runner;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fanzha.server.system.BackgroundThreads;
import org.fanzha.store.EventJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the journal's per-entity index up with the journal, on a thread of its own
 * ("fanzha-indexer"), for either runner: look-ups read the index and the few events it has not
 * reached yet, and never write it themselves. The index's runs are merged on a second thread
 * ("fanzha-index-merger"): a deep merge takes seconds, and the events arriving meanwhile must not
 * wait for it, or look-ups would read more of the journal than its tail keeps.
 */
public final class JournalIndexer {
  private static final Logger log = LoggerFactory.getLogger(JournalIndexer.class);

  /** Events per step: a backlog is read from the table this many at a time. */
  private static final int STEP = 20_000;

  private final EventJournal journal;
  private final ScheduledExecutorService thread = BackgroundThreads.single("fanzha-indexer");
  private final ScheduledExecutorService merger = BackgroundThreads.single("fanzha-index-merger");

  public JournalIndexer(EventJournal journal) {
    this.journal = journal;
  }

  /**
   * Indexes what is new four times a second (as often as the journal copies to its table), a
   * backlog (after a restart) in steps. Adding to the index costs little now (decision 0034); what
   * it has not reached, every look-up reads through.
   */
  public void start() {
    thread.scheduleWithFixedDelay(this::index, 0, 250, TimeUnit.MILLISECONDS);
    merger.scheduleWithFixedDelay(this::merge, 250, 250, TimeUnit.MILLISECONDS);
  }

  private void merge() {
    try {
      journal.mergeIndex(merger::isShutdown);
    } catch (RuntimeException e) {
      log.warn("Journal index merge failed; will retry", e);
    }
  }

  private void index() {
    try {
      while (journal.indexPending(STEP) == STEP && !thread.isShutdown()) {
        // a backlog: keep going in steps
      }
    } catch (RuntimeException e) {
      log.warn("Journal indexing failed; will retry", e);
    }
  }

  /**
   * Stops indexing after the step in progress (never interrupted: an interrupted channel closes
   * H2's file).
   */
  public void shutdown() {
    thread.shutdown();
    merger.shutdown();
  }

  /** Waits for the steps in progress, at most {@code timeout} in all. */
  public void awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    thread.awaitTermination(timeout, unit);
    merger.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }
}
