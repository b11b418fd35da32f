package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fanzha.store.EventParties.Party;
import org.fanzha.store.TestDatabases.Target;
import org.fanzha.store.TestDatabases.TestDb;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The per-entity index's runs on each database: written, merged, tidied after a crash. */
class PartyIndexTest {

  @TempDir Path tmp;

  private static final Party BUSY = new Party("account", "alipay:busy");

  @ParameterizedTest
  @EnumSource(Target.class)
  void merges_manyRuns_keepEveryNumberAndDeleteWhatTheyReplaced(Target target) throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      PartyIndex index = new PartyIndex(t.db().dataSource(), new PartyIndex.Shape(10, 3, 4));
      List<Long> busy = new ArrayList<>();
      for (long seq = 1; seq <= 500; seq++) {
        // each account is named by a fifth of the events; the busy one by every third
        Set<Party> named = new java.util.LinkedHashSet<>();
        named.add(new Party("account", "alipay:u" + (seq % 5)));
        if (seq % 3 == 0) {
          named.add(BUSY);
          busy.add(0, seq);
        }
        index.add(seq, named);
        index.settle();
        index.merge();
      }
      assertThat(
              java.util.Arrays.stream(index.find(BUSY.kind(), BUSY.entity(), 1000).seqs())
                  .boxed()
                  .toList())
          .containsExactlyElementsOf(busy);
      assertThat(
              java.util.Arrays.stream(index.find(BUSY.kind(), BUSY.entity(), 7).seqs())
                  .boxed()
                  .toList())
          .containsExactlyElementsOf(busy.subList(0, 7));
      assertThat(index.find("account", "alipay:u2", 1000).seqs()).hasSize(100);
      assertThat(index.find("account", "alipay:nobody", 10).seqs()).isEmpty();

      List<PartyIndex.Run> runs = index.runs();
      assertThat(runs).as("50 runs of 10 events merged three at a time").hasSizeLessThan(10);
      assertThat(runs.stream().mapToInt(PartyIndex.Run::level).max().orElse(0)).isEqualTo(3);
      assertThat(rowsOutsideLiveRuns(t.db())).as("replaced runs are deleted").isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void aRunHalfWritten_isNotReadAndIsDeletedByTheNextWriter(Target target) throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      PartyIndex index = new PartyIndex(t.db().dataSource(), new PartyIndex.Shape(2, 8, 4));
      index.add(1, Set.of(BUSY));
      index.add(2, Set.of(BUSY));
      index.settle();
      // a crash while the next run was written: its listing says so, and some of its rows are in
      try (Connection c = t.db().dataSource().getConnection()) {
        c.createStatement()
            .execute(
                "INSERT INTO journal_run (run_id, run_level, after_seq, to_seq, row_count, state)"
                    + " VALUES (99, 0, 2, 4, 0, 'writing')");
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO journal_party_run (run_id, party_hash, entity_kind, entity, first_seq,"
                    + " seqs) VALUES (99, ?, ?, ?, 3, ?)");
        ps.setLong(1, PartyIndex.hash(BUSY));
        ps.setString(2, BUSY.kind());
        ps.setString(3, BUSY.entity());
        ps.setBytes(4, new byte[] {1});
        ps.executeUpdate();
      }
      PartyIndex restarted = new PartyIndex(t.db().dataSource(), new PartyIndex.Shape(2, 8, 4));
      assertThat(restarted.indexed()).as("the index reaches the last live run").isEqualTo(2);
      assertThat(restarted.find(BUSY.kind(), BUSY.entity(), 10).seqs()).containsExactly(2L, 1L);

      restarted.add(3, Set.of(BUSY));
      restarted.add(4, Set.of());
      restarted.settle();
      restarted.merge();
      assertThat(restarted.find(BUSY.kind(), BUSY.entity(), 10).seqs()).containsExactly(3L, 2L, 1L);
      assertThat(rowsOutsideLiveRuns(t.db())).as("the half-written run is gone").isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void lookUps_whileRunsAreWrittenAndMerged_seeEveryNumberUpToWhereTheIndexWas(Target target)
      throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      PartyIndex index = new PartyIndex(t.db().dataSource(), new PartyIndex.Shape(5, 2, 3));
      int events = 1_500;
      index.settle(); // the first step tidies; merges wait for it
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger merges = new AtomicInteger();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (long seq = 1; seq <= events; seq++) {
                    index.add(seq, seq % 3 == 0 ? Set.of(BUSY) : Set.of());
                    index.settle();
                  }
                } catch (Throwable e) {
                  failures.add(e);
                } finally {
                  writing.set(false);
                }
              });
      Thread merger =
          new Thread(
              () -> {
                try {
                  while (writing.get()) {
                    merges.addAndGet(index.merge());
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      writer.start();
      merger.start();
      int checked = 0;
      while (writer.isAlive() || checked == 0) {
        PartyIndex.Found f = index.find(BUSY.kind(), BUSY.entity(), Integer.MAX_VALUE);
        List<Long> expected = new ArrayList<>();
        for (long seq = f.indexed() - f.indexed() % 3; seq > 0; seq -= 3) {
          expected.add(seq);
        }
        assertThat(java.util.Arrays.stream(f.seqs()).boxed().toList())
            .as("every third number up to %d, once each", f.indexed())
            .containsExactlyElementsOf(expected);
        checked++;
      }
      writer.join(60_000);
      merger.join(60_000);
      assertThat(failures).isEmpty();
      assertThat(merges.get()).as("merges made under the writes and look-ups").isPositive();
      index.merge();
      assertThat(index.find(BUSY.kind(), BUSY.entity(), Integer.MAX_VALUE).seqs())
          .hasSize(events / 3);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void aMergeInProgress_doesNotHoldUpNewRuns(Target target) throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      PausedMerges db = new PausedMerges();
      PartyIndex index =
          new PartyIndex(db.around(t.db().dataSource()), new PartyIndex.Shape(2, 2, 4));
      addAndSettle(index, 1, 4);
      ExecutorService merger = Executors.newSingleThreadExecutor();
      try {
        Future<Integer> merged = merger.submit(() -> index.merge());
        assertThat(db.reading.await(10, TimeUnit.SECONDS)).as("the merge started").isTrue();
        addAndSettle(index, 5, 8); // two more runs while the merge waits
        assertThat(index.runs()).as("runs written while the merge waits").hasSize(4);
        assertThat(index.find(BUSY.kind(), BUSY.entity(), 100).seqs())
            .containsExactly(8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        db.release.countDown();
        assertThat(merged.get(10, TimeUnit.SECONDS)).isPositive();
      } finally {
        db.release.countDown();
        merger.shutdown();
      }
      assertThat(index.runs()).as("merged down to one run").hasSize(1);
      assertThat(index.find(BUSY.kind(), BUSY.entity(), 100).seqs())
          .containsExactly(8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void afterAFailedStep_tidyingWaitsForTheMergeInProgress_andKeepsWhatItWrites(Target target)
      throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      PausedMerges db = new PausedMerges();
      PartyIndex index =
          new PartyIndex(db.around(t.db().dataSource()), new PartyIndex.Shape(2, 2, 4));
      addAndSettle(index, 1, 4);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        Future<Integer> merged = threads.submit(() -> index.merge());
        assertThat(db.reading.await(10, TimeUnit.SECONDS)).as("the merge started").isTrue();
        // a writing step fails: the next one deletes what is not live, but not the merge's run
        db.refuseNewRuns.set(true);
        index.add(5, Set.of(BUSY));
        index.add(6, Set.of(BUSY));
        assertThatThrownBy(index::settle).isInstanceOf(StoreException.class);
        db.refuseNewRuns.set(false);
        Future<?> next = threads.submit(index::settle);
        Thread.sleep(300);
        assertThat(next).as("tidying waits for the merge").isNotDone();
        db.release.countDown();
        assertThat(merged.get(10, TimeUnit.SECONDS)).as("the merge published").isPositive();
        next.get(10, TimeUnit.SECONDS);
      } finally {
        db.release.countDown();
        threads.shutdown();
      }
      assertThat(index.find(BUSY.kind(), BUSY.entity(), 100).seqs())
          .containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
      assertThat(index.runs().stream().mapToInt(PartyIndex.Run::level).max().orElse(0))
          .as("the merged run kept")
          .isEqualTo(1);
      assertThat(rowsOutsideLiveRuns(t.db())).isZero();
    }
  }

  private static void addAndSettle(PartyIndex index, long from, long to) {
    for (long seq = from; seq <= to; seq++) {
      index.add(seq, Set.of(BUSY));
      index.settle();
    }
  }

  private static long rowsOutsideLiveRuns(Database db) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM journal_party_run WHERE run_id NOT IN"
                    + " (SELECT run_id FROM journal_run WHERE state = 'live')");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
