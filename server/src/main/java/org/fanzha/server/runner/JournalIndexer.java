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
 * reached yet, and never write it themselves.
 */
public final class JournalIndexer {
  private static final Logger log = LoggerFactory.getLogger(JournalIndexer.class);

  /**
   * Events per transaction. Each commit rewrites the index pages it touched, so fewer, larger
   * commits write less beside the journal's fsync; look-ups read what is not indexed yet from the
   * journal's tail (up to 20,000 events), so a longer lag costs them nothing.
   */
  private static final int STEP = 20_000;

  private final EventJournal journal;
  private final ScheduledExecutorService thread = BackgroundThreads.single("fanzha-indexer");

  public JournalIndexer(EventJournal journal) {
    this.journal = journal;
  }

  /** Indexes what is new every second, a backlog (after a restart) in steps. */
  public void start() {
    thread.scheduleWithFixedDelay(this::index, 0, 1000, TimeUnit.MILLISECONDS);
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
  }

  /** Waits for the step in progress, at most {@code timeout}. */
  public void awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    thread.awaitTermination(timeout, unit);
  }
}
