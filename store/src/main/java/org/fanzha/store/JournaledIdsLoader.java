package org.fanzha.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the ids of the journal table's first events into {@link JournaledIds} at start, a range of
 * sequence numbers per statement: each statement is its own short transaction, so a journal of
 * millions of events holds no transaction open for seconds (on PostgreSQL that would hold back
 * vacuum), and a failed read is retried from the range it stopped in, waiting longer each time,
 * until it succeeds or the journal closes. Until it completes, appends ask the table about every
 * id.
 */
final class JournaledIdsLoader implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(JournaledIdsLoader.class);

  /** Sequence numbers read per statement. */
  static final int RANGE = 50_000;

  private final DataSource ds;
  private final long upTo;
  private final int range;
  private final JournaledIds into;
  private final BooleanSupplier closed;
  private final Duration firstRetry;
  private final Duration lastRetry;

  /**
   * @param upTo the highest sequence number to read (the table's at start)
   * @param range sequence numbers per statement
   * @param closed true once the journal is closed: the read stops, incomplete
   * @param firstRetry the wait after a failed read, doubled each time up to {@code lastRetry}
   */
  JournaledIdsLoader(
      DataSource ds,
      long upTo,
      int range,
      JournaledIds into,
      BooleanSupplier closed,
      Duration firstRetry,
      Duration lastRetry) {
    this.ds = ds;
    this.upTo = upTo;
    this.range = range;
    this.into = into;
    this.closed = closed;
    this.firstRetry = firstRetry;
    this.lastRetry = lastRetry;
  }

  @Override
  public void run() {
    long done = 0;
    Duration wait = firstRetry;
    int failures = 0;
    while (done < upTo && !closed.getAsBoolean()) {
      long to = Math.min(upTo, done + range);
      try {
        read(done, to);
        done = to;
        wait = firstRetry;
        failures = 0;
      } catch (SQLException | RuntimeException e) {
        failures++;
        if (closed.getAsBoolean()) {
          return; // the journal closed under the read: nothing is wrong
        }
        if (failures == 1 || failures % 10 == 0) { // the first, then every tenth (5 minutes apart)
          LOG.warn(
              "Journaled ids not read past seq {} ({} tries); appends ask the table about every id"
                  + " meanwhile; retrying",
              done,
              failures,
              e);
        }
        if (!pause(wait)) {
          return;
        }
        wait = wait.multipliedBy(2).compareTo(lastRetry) > 0 ? lastRetry : wait.multipliedBy(2);
      }
    }
    if (!closed.getAsBoolean()) {
      into.complete();
    }
  }

  private void read(long after, long to) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT event_id FROM journal WHERE seq > ? AND seq <= ?")) {
      ps.setLong(1, after);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          into.add(rs.getString(1)); // an id read twice after a retry is only set again
        }
      }
    }
  }

  /** Waits, a little at a time so a closing journal is not kept; false when it closed. */
  private boolean pause(Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    try {
      while (System.nanoTime() < until) {
        if (closed.getAsBoolean()) {
          return false;
        }
        Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return !closed.getAsBoolean();
  }
}
