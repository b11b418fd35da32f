package org.fanzha.store;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A data source whose connections stop a merge of the per-entity index at its first read of the
 * runs it merges, until released, and can refuse to list a new run (a failed writing step): to show
 * what goes on while a merge runs.
 */
final class PausedMerges {
  /** Counted down when a merge reaches its first read. */
  final CountDownLatch reading = new CountDownLatch(1);

  /** Lets the paused merge go on. */
  final CountDownLatch release = new CountDownLatch(1);

  /** While set, listing a new run fails. */
  final AtomicBoolean refuseNewRuns = new AtomicBoolean();

  DataSource around(DataSource ds) {
    return InterceptedConnections.of(
        ds,
        (c, method, args) -> {
          if (method.getName().equals("prepareStatement")) {
            String sql = String.valueOf(args[0]);
            if (sql.startsWith("SELECT") && sql.contains("party_hash BETWEEN")) {
              reading.countDown();
              if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the paused merge was never released");
              }
            }
            if (sql.startsWith("INSERT INTO journal_run") && refuseNewRuns.get()) {
              throw new SQLException("refused, as a full disk would");
            }
          }
          return InterceptedConnections.invoke(c, method, args);
        });
  }
}
