package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.store.TestEvents.T0;
import static org.fanzha.store.TestEvents.victimPaysMule;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.fanzha.core.event.Event;
import org.fanzha.store.TestDatabases.Target;
import org.fanzha.store.TestDatabases.TestDb;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JournaledIdsLoaderTest {

  private static final String READ = "SELECT event_id FROM journal";

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Target.class)
  @Timeout(60)
  void aReadThatFails_isRetriedFromItsRange_andEveryIdEndsUpIn(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      List<Event> old = new ArrayList<>();
      for (int i = 0; i < 2_500; i++) {
        old.add(victimPaysMule("old" + i, T0 + i, 100));
      }
      t.db().journal().append(old);
      t.db().journal().copyPending(); // the log ahead of the table: the loader reads the table
      AtomicInteger reads = new AtomicInteger();
      DataSource secondReadFailsOnce = failing(t.db().dataSource(), reads, 2);
      JournaledIds ids = new JournaledIds(10_000);

      new JournaledIdsLoader(
              secondReadFailsOnce,
              2_500,
              1_000,
              ids,
              () -> false,
              Duration.ofMillis(5),
              Duration.ofMillis(20))
          .run();

      assertThat(reads).as("three ranges, the second one twice").hasValue(4);
      assertThat(ids.isComplete()).isTrue();
      assertThat(old).allSatisfy(e -> assertThat(ids.mayBeJournaled(e.id())).isTrue());
      long newTaken = IntStream.range(0, 1_000).filter(i -> ids.mayBeJournaled("new" + i)).count();
      assertThat(newTaken).as("false positives of a 1 %% filter").isLessThan(50);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  @Timeout(60)
  void aJournalClosedWhileReadsFail_stopsTheRead_incomplete(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      t.db().journal().append(List.of(victimPaysMule("a", T0, 1)));
      t.db().journal().copyPending();
      AtomicInteger reads = new AtomicInteger();
      AtomicBoolean closed = new AtomicBoolean();
      DataSource alwaysFails =
          InterceptedConnections.of(
              t.db().dataSource(),
              (c, method, args) -> {
                if (method.getName().equals("prepareStatement")
                    && String.valueOf(args[0]).startsWith(READ)
                    && reads.incrementAndGet() == 3) {
                  closed.set(true);
                }
                if (method.getName().equals("prepareStatement")
                    && String.valueOf(args[0]).startsWith(READ)) {
                  throw new SQLException("injected");
                }
                return InterceptedConnections.invoke(c, method, args);
              });
      JournaledIds ids = new JournaledIds(1_000);

      new JournaledIdsLoader(
              alwaysFails, 1, 1_000, ids, closed::get, Duration.ofMillis(5), Duration.ofMillis(20))
          .run();

      assertThat(reads).as("retried until the journal closed").hasValue(3);
      assertThat(ids.isComplete()).isFalse();
      assertThat(ids.mayBeJournaled("anything")).as("incomplete: every id may be").isTrue();
    }
  }

  /** A data source whose {@code n}th read of the journal's ids fails once; counts the reads. */
  private static DataSource failing(DataSource ds, AtomicInteger reads, int n) {
    return InterceptedConnections.of(
        ds,
        (c, method, args) -> {
          if (method.getName().equals("prepareStatement")
              && String.valueOf(args[0]).startsWith(READ)
              && reads.incrementAndGet() == n) {
            throw new SQLException("injected: the read of a range fails");
          }
          return InterceptedConnections.invoke(c, method, args);
        });
  }
}
