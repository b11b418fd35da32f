package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.store.TestEvents.FRAUD_PHONE;
import static org.fanzha.store.TestEvents.MULE_ACCOUNT;
import static org.fanzha.store.TestEvents.T0;
import static org.fanzha.store.TestEvents.fraudCallsVictim;
import static org.fanzha.store.TestEvents.muleOpensAccount;
import static org.fanzha.store.TestEvents.victimPaysMule;
import static org.fanzha.store.TestEvents.victimReports;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.assertj.core.api.Assertions;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.store.TestDatabases.Target;
import org.fanzha.store.TestDatabases.TestDb;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventJournalTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Target.class)
  void append_newEvents_givesIncreasingSeqsAndReadsBackEqualEvents(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      List<Event> events =
          List.of(
              fraudCallsVictim("c1", T0), victimPaysMule("t1", T0 + 60_000, 4_900_000),
              muleOpensAccount("o1", T0 - 86_400_000), victimReports("r1", T0 + 3_600_000));

      AppendResult r = t.db().journal().append(events);

      assertThat(r.appended()).isEqualTo(4);
      assertThat(r.duplicates()).isZero();
      assertThat(new long[] {r.seq(0), r.seq(1), r.seq(2), r.seq(3)}).containsExactly(1, 2, 3, 4);
      List<Event> back = new ArrayList<>();
      long n = t.db().journal().forEachAfter(0, (seq, e) -> back.add(e));
      assertThat(n).isEqualTo(4);
      assertThat(back).containsExactlyElementsOf(events);
      assertThat(t.db().journal().lastSeq()).isEqualTo(4);
      assertThat(t.db().journal().latest())
          .hasValueSatisfying(
              e -> {
                assertThat(e.seq()).isEqualTo(4);
                assertThat(e.event().id()).isEqualTo("r1");
              });
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void forEachOfTypes_transfersInARange_onlyThoseInSeqOrder(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      t.db()
          .journal()
          .append(
              List.of(
                  victimPaysMule("t1", T0, 100),
                  fraudCallsVictim("c1", T0 + 1),
                  victimPaysMule("t2", T0 + 2, 200),
                  victimReports("r1", T0 + 3),
                  victimPaysMule("t3", T0 + 4, 300),
                  victimPaysMule("t4", T0 + 5, 400)));
      List<String> ids = new ArrayList<>();
      List<Long> seqs = new ArrayList<>();

      long n =
          t.db()
              .journal()
              .forEachOfTypes(
                  EnumSet.of(EventType.TRANSFER),
                  1,
                  5,
                  (seq, e) -> {
                    seqs.add(seq);
                    ids.add(e.id());
                  });

      assertThat(n).isEqualTo(2);
      assertThat(ids).containsExactly("t2", "t3");
      assertThat(seqs).containsExactly(3L, 5L);
      List<String> two = new ArrayList<>();
      t.db()
          .journal()
          .forEachOfTypes(
              EnumSet.of(EventType.CALL, EventType.REPORT), 0, 6, (seq, e) -> two.add(e.id()));
      assertThat(two).containsExactly("c1", "r1");
      assertThat(
              t.db()
                  .journal()
                  .forEachOfTypes(
                      EnumSet.noneOf(EventType.class), 0, 6, (seq, e) -> two.add(e.id())))
          .isZero();

      // the same ranges read by another process, from the table (this one keeps them in memory)
      t.db().journal().copyPending();
      EventJournal fromTable = new EventJournal(t.db().dataSource());
      for (EnumSet<EventType> types :
          List.of(EnumSet.of(EventType.TRANSFER), EnumSet.of(EventType.CALL, EventType.REPORT))) {
        for (long after = 0; after <= 6; after++) {
          for (long upto = after + 1; upto <= 6; upto++) {
            assertThat(read(t.db().journal(), types, after, upto))
                .as("%s after %d up to %d", types, after, upto)
                .isEqualTo(read(fromTable, types, after, upto))
                .isNotNull();
          }
        }
      }
      fromTable.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void append_duplicateIds_journalsEachIdOnceAndReportsTheRest(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      t.db().journal().append(List.of(fraudCallsVictim("c1", T0)));

      AppendResult r =
          t.db()
              .journal()
              .append(
                  List.of(
                      fraudCallsVictim("c1", T0 + 5), // already journaled
                      victimPaysMule("t1", T0 + 10, 100),
                      victimPaysMule(
                          "t1", T0 + 20, 999))); // same id again in this batch: the first wins

      assertThat(r.isDuplicate(0)).isTrue();
      assertThat(r.isDuplicate(1)).isFalse();
      assertThat(r.isDuplicate(2)).isTrue();
      assertThat(r.seq(1)).isEqualTo(2);
      assertThat(r.duplicateIds()).containsExactly("c1", "t1");
      assertThat(t.db().journal().count()).isEqualTo(2);
      assertThat(t.db().journal().find("t1"))
          .hasValueSatisfying(
              e -> assertThat(e.event()).isEqualTo(victimPaysMule("t1", T0 + 10, 100)));
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void append_afterAReopen_findsEveryOldIdTaken_whileAndAfterTheIdsAreRead(Target target)
      throws Exception {
    List<Event> old = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      old.add(victimPaysMule("old" + i, T0 + i, 100));
    }
    try (TestDb t = TestDatabases.open(target, tmp)) {
      t.db().journal().append(old);
      t.db().close();
      Database reopened = TestDatabases.reopen(t.db(), tmp);
      // another process's journal over the same table, whose read of the old ids waits until let go
      CountDownLatch reading = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      EventJournal journal =
          new EventJournal(
              InterceptedConnections.of(
                  reopened.dataSource(),
                  (c, method, args) -> {
                    if (method.getName().equals("prepareStatement")
                        && String.valueOf(args[0]).startsWith("SELECT event_id FROM journal")) {
                      reading.countDown();
                      release.await(30, TimeUnit.SECONDS);
                    }
                    return InterceptedConnections.invoke(c, method, args);
                  }));
      assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(journal.journaledIdsRead()).isFalse();
      assertThat(journal.append(old.subList(0, 10)).duplicates())
          .as("asked of the table while the old ids are being read")
          .isEqualTo(10);

      release.countDown();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!journal.journaledIdsRead() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(journal.journaledIdsRead()).isTrue();
      List<Event> again = new ArrayList<>(old);
      again.add(victimPaysMule("new1", T0 + 5_000, 100));
      AppendResult r = journal.append(again);
      assertThat(r.duplicates()).as("every old id, once read").isEqualTo(3_000);
      assertThat(r.appended()).isEqualTo(1);
      assertThat(r.seq(3_000)).isEqualTo(3_001);
      assertThat(journal.append(List.of(victimPaysMule("new1", T0, 1))).duplicates())
          .as("an id journaled by this process")
          .isEqualTo(1);
      journal.close();
      reopened.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void append_whoseCommitLandedThoughItFailed_findsItsIdsTakenWhenSentAgain(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      AtomicBoolean failNextCommit = new AtomicBoolean();
      EventJournal journal =
          new EventJournal(
              InterceptedConnections.landingThenFailing(
                  t.db().dataSource(), failNextCommit)); // no log
      assertThat(journal.journaledIdsRead()).as("an empty table: nothing to read").isTrue();
      List<Event> sent = List.of(victimPaysMule("a", T0, 1), victimPaysMule("b", T0 + 1, 2));

      failNextCommit.set(true);
      Assertions.assertThatThrownBy(() -> journal.append(sent)).isInstanceOf(StoreException.class);

      List<Event> again = new ArrayList<>(sent);
      again.add(victimPaysMule("c", T0 + 2, 3));
      AppendResult r = journal.append(again);
      assertThat(r.duplicates()).as("a and b landed though the commit failed").isEqualTo(2);
      assertThat(r.appended()).isEqualTo(1);
      journal.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void forEachAfter_seq_returnsOnlyLaterEventsInOrder(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < 1200; i++) {
        events.add(victimPaysMule("t" + i, T0 + i, 100 + i));
      }
      t.db().journal().append(events);

      List<Long> seqs = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      t.db()
          .journal()
          .forEachAfter(
              1000,
              (seq, e) -> {
                seqs.add(seq);
                ids.add(e.id());
              });

      assertThat(seqs).hasSize(200).isSorted().startsWith(1001L).endsWith(1200L);
      assertThat(ids).startsWith("t1000").endsWith("t1199");
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void recent_entity_returnsEventsNamingItNewestFirst(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      t.db()
          .journal()
          .append(
              List.of(
                  muleOpensAccount("o1", T0),
                  fraudCallsVictim("c1", T0 + 1),
                  victimPaysMule("t1", T0 + 2, 100),
                  victimPaysMule("t2", T0 + 3, 200),
                  victimReports("r1", T0 + 4)));
      assertThat(t.db().journal().notIndexed()).as("logged or in the table alike").isEqualTo(5);
      t.db().journal().copyPending(); // in the table, not yet in the per-entity index
      assertThat(t.db().journal().recent(EntityKind.ACCOUNT, MULE_ACCOUNT, 10))
          .as("read from the journal while the index has not reached them")
          .extracting(e -> e.event().id())
          .containsExactly("t2", "t1", "o1");
      assertThat(t.db().journal().indexedSeq()).as("a look-up does not index").isZero();
      assertThat(t.db().journal().indexPending(3)).isEqualTo(3);
      assertThat(t.db().journal().notIndexed()).isEqualTo(2);
      assertThat(t.db().journal().recent(EntityKind.ACCOUNT, MULE_ACCOUNT, 10))
          .as("half indexed: the index and the rest, each once")
          .extracting(e -> e.event().id())
          .containsExactly("t2", "t1", "o1");
      assertThat(
              t.db().journal().countNamingBySource(EntityKind.PHONE, FRAUD_PHONE, EventType.REPORT))
          .as("a report not indexed yet is counted")
          .hasSize(1);
      assertThat(t.db().journal().indexPending(100)).isEqualTo(2);
      assertThat(t.db().journal().indexPending(100)).isZero();
      assertThat(t.db().journal().notIndexed()).isZero();

      assertThat(t.db().journal().recent(EntityKind.ACCOUNT, MULE_ACCOUNT, 10))
          .extracting(e -> e.event().id())
          .containsExactly("t2", "t1", "o1");
      assertThat(t.db().journal().recent(EntityKind.PHONE, FRAUD_PHONE, 10))
          .extracting(e -> e.event().id())
          .containsExactly("r1", "c1");
      assertThat(t.db().journal().recent(EntityKind.ACCOUNT, MULE_ACCOUNT, 1))
          .extracting(e -> e.event().id())
          .containsExactly("t2");
      assertThat(t.db().journal().recent(EntityKind.HOLDER, "11010519491231002X", 10))
          .extracting(e -> e.event().id())
          .containsExactly("o1");
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void append_afterReopen_keepsEventsAndContinuesSeqs(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      t.db()
          .journal()
          .append(List.of(fraudCallsVictim("c1", T0), victimPaysMule("t1", T0 + 1, 100)));
      t.db().close();

      try (Database again = TestDatabases.reopen(t.db(), tmp)) {
        AppendResult r =
            again
                .journal()
                .append(
                    List.of(victimPaysMule("t1", T0 + 1, 100), victimPaysMule("t2", T0 + 2, 5)));
        assertThat(r.isDuplicate(0)).isTrue();
        assertThat(r.seq(1)).isEqualTo(3);
        assertThat(again.journal().count()).isEqualTo(3);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void lookUps_fromTheTailKeptInMemory_equalWhatARestartedJournalReadsFromTheTable(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        events.add(transfer("m" + i, T0 + i, "alipay:u" + (i % 7), "alipay:u" + (7 + i * 3 % 4)));
      }
      t.db().journal().append(events.subList(0, 40));
      t.db().journal().indexPending(15); // 25 journaled events the index has not reached
      t.db().journal().append(events.subList(40, 60));
      List<List<String>> live = lookUps(t.db().journal());
      t.db().close();

      try (Database again = TestDatabases.reopen(t.db(), tmp)) {
        assertThat(lookUps(again.journal()))
            .as("a restarted journal keeps no tail and reads the table")
            .isEqualTo(live);
        again.journal().append(List.of(transfer("m60", T0 + 60, "alipay:u1", "alipay:u8")));
        assertThat(again.journal().recent(EntityKind.ACCOUNT, "alipay:u1", 100))
            .as("a tail that does not reach back to the index is not read alone")
            .extracting(e -> e.event().id())
            .startsWith("m60", "m57", "m50");
      }
      long u1 =
          events.stream()
              .filter(
                  e ->
                      e instanceof org.fanzha.core.event.TransferEvent x
                          && x.from().equals("alipay:u1"))
              .count();
      assertThat(live.get(1)).as("u1's transfers and their count by source").hasSize((int) u1 + 1);
    }
  }

  /** Each account's look-up: what names it, and how many transfers name it by source. */
  private static List<List<String>> lookUps(EventJournal journal) {
    List<List<String>> out = new ArrayList<>();
    for (int a = 0; a < 11; a++) {
      List<String> ids = new ArrayList<>();
      journal.recent(EntityKind.ACCOUNT, "alipay:u" + a, 100).forEach(e -> ids.add(e.event().id()));
      ids.add(
          journal
              .countNamingBySource(EntityKind.ACCOUNT, "alipay:u" + a, EventType.TRANSFER)
              .toString());
      out.add(ids);
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void index_behindAFullTail_readsTheTableAndAnswersFromItsRuns(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      // runs of 1,000 events merged four at a time, rows of 64 numbers: 25,000 events make merges
      EventJournal journal =
          new EventJournal(
              t.db().dataSource(), null, 200_000, null, new PartyIndex.Shape(1_000, 4, 64));
      List<Long> u3 = new ArrayList<>();
      for (int b = 0; b < 50; b++) {
        List<Event> batch = new ArrayList<>();
        for (int i = b * 500; i < (b + 1) * 500; i++) {
          batch.add(transfer("x" + i, T0 + i, "alipay:u" + (i % 10), "alipay:u" + (10 + i % 7)));
          if (i % 10 == 3) {
            u3.add(0, i + 1L); // sequence numbers start at 1
          }
        }
        journal.append(batch);
      }
      // the tail holds the newest 20,000: the 5,000 before them are read from the table
      while (journal.indexPending(1_000) > 0) {}
      assertThat(journal.mergeIndex(() -> false)).as("merges made").isPositive();
      assertThat(journal.indexedSeq()).isEqualTo(25_000);
      assertThat(journal.recent(EntityKind.ACCOUNT, "alipay:u3", 5_000))
          .extracting(JournalEntry::seq)
          .containsExactlyElementsOf(u3);
      assertThat(journal.recent(EntityKind.ACCOUNT, "alipay:u3", 3))
          .extracting(JournalEntry::seq)
          .containsExactlyElementsOf(u3.subList(0, 3));
      assertThat(journal.countNamingBySource(EntityKind.ACCOUNT, "alipay:u3", EventType.TRANSFER))
          .containsEntry("", 2_500L);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void forEachOfTypes_aRangeTheTailHolds_isReadFromMemory_andOneItDoesNotFromTheTable(Target target)
      throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      AtomicInteger tableReads = new AtomicInteger();
      DataSource counted =
          InterceptedConnections.of(
              t.db().dataSource(),
              (c, method, args) -> {
                if (method.getName().equals("prepareStatement")
                    && String.valueOf(args[0]).startsWith("SELECT seq, line FROM journal")) {
                  tableReads.incrementAndGet();
                }
                return InterceptedConnections.invoke(c, method, args);
              });
      EventJournal journal =
          new EventJournal(counted, JournalLog.open(tmp.resolve("own-log")), 100_000, null);
      journal.append(
          List.of(
              victimPaysMule("t1", T0, 100),
              fraudCallsVictim("c1", T0 + 1),
              victimPaysMule("t2", T0 + 2, 200)));

      assertThat(read(journal, EnumSet.of(EventType.TRANSFER), 0, 3))
          .containsExactly("1 t1", "3 t2");
      assertThat(tableReads).as("the tail holds the range").hasValue(0);

      journal.close();
      EventJournal reopened = new EventJournal(counted); // a new process: its tail is empty
      assertThat(read(reopened, EnumSet.of(EventType.TRANSFER), 0, 3))
          .containsExactly("1 t1", "3 t2");
      assertThat(tableReads).as("read from the table").hasValue(1);
      reopened.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void copy_whoseCommitLandedThoughItFailed_isNotCopiedAgain(Target target) throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      AtomicBoolean failNextCommit = new AtomicBoolean();
      EventJournal journal =
          new EventJournal(
              InterceptedConnections.landingThenFailing(t.db().dataSource(), failNextCommit),
              JournalLog.open(tmp.resolve("own-log")),
              100_000,
              null);
      List<Event> first = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        first.add(transfer("x" + i, T0 + i, "alipay:u1", "alipay:u2"));
      }
      journal.append(first);

      failNextCommit.set(true);
      Assertions.assertThatThrownBy(journal::copyPending).isInstanceOf(StoreException.class);
      assertThat(rowsIn(t.db().dataSource())).as("the failed commit landed").isEqualTo(10);
      assertThat(journal.waitingForTable()).isEqualTo(10);

      assertThat(journal.copyPending()).as("nothing copied twice").isZero();
      assertThat(journal.waitingForTable()).isZero();
      journal.append(List.of(transfer("y", T0 + 20, "alipay:u1", "alipay:u3")));
      assertThat(journal.copyPending()).isEqualTo(1);
      List<String> ids = new ArrayList<>();
      journal.forEachAfter(0, (seq, e) -> ids.add(seq + " " + e.id()));
      assertThat(ids)
          .containsExactly(
              "1 x0", "2 x1", "3 x2", "4 x3", "5 x4", "6 x5", "7 x6", "8 x7", "9 x8", "10 x9",
              "11 y");
      journal.close();
    }
  }

  private static List<String> read(
      EventJournal journal, EnumSet<EventType> types, long after, long upto) {
    List<String> out = new ArrayList<>();
    long n = journal.forEachOfTypes(types, after, upto, (seq, e) -> out.add(seq + " " + e.id()));
    assertThat(n).isEqualTo(out.size());
    return out;
  }

  private static long rowsIn(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM journal")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Event transfer(String id, long ts, String from, String to) {
    return new org.fanzha.core.event.TransferEvent(
        id,
        ts,
        null,
        from,
        to,
        100,
        "CNY",
        org.fanzha.core.event.Channel.MOBILE,
        null,
        null,
        null,
        null,
        null);
  }
}
