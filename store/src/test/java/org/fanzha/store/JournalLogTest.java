package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fanzha.store.TestEvents.T0;
import static org.fanzha.store.TestEvents.fraudCallsVictim;
import static org.fanzha.store.TestEvents.victimPaysMule;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fanzha.core.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's write-ahead log, and the journal over it: durable before the table, recovered after
 * a crash.
 */
class JournalLogTest {

  @TempDir Path tmp;

  static List<JournalLog.Entry> entries(long from, int n) {
    List<JournalLog.Entry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new JournalLog.Entry(
              from + i,
              1_000 + i,
              "{\"n\":" + (from + i) + ",\"text\":\"诈骗 " + "x".repeat(i % 50) + "\"}"));
    }
    return out;
  }

  static List<JournalLog.Entry> recovered(Path dir) {
    List<JournalLog.Entry> out = new ArrayList<>();
    try (JournalLog log = JournalLog.open(dir)) {
      log.recover(out::add);
    }
    return out;
  }

  @Test
  void appendedBatches_readBackInOrder_acrossSegments() {
    Path dir = tmp.resolve("log");
    List<JournalLog.Entry> all = new ArrayList<>();
    try (JournalLog log = JournalLog.open(dir, 2_000)) {
      log.recover(e -> {});
      for (int b = 0; b < 10; b++) {
        List<JournalLog.Entry> batch = entries(1 + b * 20L, 20);
        log.append(batch);
        all.addAll(batch);
      }
      assertThat(log.segmentCount()).as("rolled at 2,000 bytes").isGreaterThan(3);
    }
    assertThat(recovered(dir)).containsExactlyElementsOf(all);
  }

  @Test
  void aTornTail_isCutOff_andAppendingGoesOnAfterTheLastIntactRecord() throws Exception {
    Path dir = tmp.resolve("log");
    try (JournalLog log = JournalLog.open(dir)) {
      log.recover(e -> {});
      log.append(entries(1, 5));
    }
    Path segment = onlySegment(dir);
    long intact = Files.size(segment);
    byte[] whole = Files.readAllBytes(segment);
    // a crash in the middle of the next batch: the first 30 bytes of a record like the others
    Files.write(segment, java.util.Arrays.copyOfRange(whole, 0, 30), StandardOpenOption.APPEND);

    List<JournalLog.Entry> back = new ArrayList<>();
    try (JournalLog log = JournalLog.open(dir)) {
      assertThat(log.recover(back::add)).isEqualTo(5);
    }
    assertThat(back).containsExactlyElementsOf(entries(1, 5));
    assertThat(Files.size(segment)).as("the torn bytes are gone").isEqualTo(intact);
  }

  @Test
  void aDamagedRecordBeforeTheLastSegment_stopsRecoveryLoudly() throws Exception {
    Path dir = tmp.resolve("log");
    Path first = firstOfSeveralSegments(dir);
    byte[] bytes = Files.readAllBytes(first);
    bytes[40] ^= 0x5a; // inside the first record's line
    Files.write(first, bytes);
    assertRecoveryFindsDamage(dir);
  }

  /** Writes 30 records into segments of 500 bytes; returns the first segment. */
  private static Path firstOfSeveralSegments(Path dir) throws java.io.IOException {
    try (JournalLog log = JournalLog.open(dir, 500)) {
      log.recover(e -> {});
      for (int b = 0; b < 6; b++) {
        log.append(entries(1 + b * 5L, 5));
      }
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().findFirst().orElseThrow();
    }
  }

  private static void assertRecoveryFindsDamage(Path dir) {
    try (JournalLog log = JournalLog.open(dir)) {
      assertThatThrownBy(() -> log.recover(e -> {}))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("damaged");
    }
  }

  @Test
  void aSegmentBeforeTheLast_missingItsLastRecordsWhole_isDamage() throws Exception {
    Path dir = tmp.resolve("log");
    Path first = firstOfSeveralSegments(dir);
    // cut at a record's end: what is left reads intact, but the records before the next segment
    // are gone
    long end = 0;
    for (JournalLog.Entry e : entries(1, 5)) {
      end += 24 + e.line().getBytes(StandardCharsets.UTF_8).length;
      if (end >= 150) {
        break;
      }
    }
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(first, java.nio.file.StandardOpenOption.WRITE)) {
      assertThat(ch.size()).isGreaterThan(end);
      ch.truncate(end);
    }
    assertRecoveryFindsDamage(dir);
  }

  @Test
  void aSegmentNamedAfterAnotherRecordThanItsFirst_stopsRecoveryLoudly() throws Exception {
    Path dir = tmp.resolve("log");
    try (JournalLog log = JournalLog.open(dir)) {
      log.recover(e -> {});
      log.append(entries(1, 5));
    }
    Files.move(
        dir.resolve(String.format("%020d.log", 1)), dir.resolve(String.format("%020d.log", 3)));
    try (JournalLog log = JournalLog.open(dir)) {
      assertThatThrownBy(() -> log.recover(e -> {}))
          .isInstanceOf(StoreException.class)
          .hasRootCauseMessage("segment 00000000000000000003.log begins with record 1, not 3");
    }
    assertThat(Files.size(dir.resolve(String.format("%020d.log", 3))))
        .as("nothing cut off")
        .isPositive();
  }

  @Test
  void dropUpTo_deletesOnlySegmentsWhollyCopied() {
    Path dir = tmp.resolve("log");
    try (JournalLog log = JournalLog.open(dir, 500)) {
      log.recover(e -> {});
      for (int b = 0; b < 6; b++) {
        log.append(entries(1 + b * 5L, 5));
      }
      int before = log.segmentCount();
      log.dropUpTo(0);
      assertThat(log.segmentCount()).isEqualTo(before);
      log.dropUpTo(12);
      assertThat(log.segmentCount()).isLessThan(before).isPositive();
    }
    List<JournalLog.Entry> left = recovered(dir);
    assertThat(left.get(0).seq())
        .as("records after 12 are all still there")
        .isLessThanOrEqualTo(13);
    assertThat(left.get(left.size() - 1).seq()).isEqualTo(30);
  }

  @Test
  void aJournalKilledBeforeItsCopy_isWholeWhenOpenedAgain_andKnowsItsIds() throws Exception {
    Path data = tmp.resolve("data");
    List<Event> events =
        List.of(
            fraudCallsVictim("c1", T0),
            victimPaysMule("t1", T0 + 1, 100),
            victimPaysMule("t2", T0 + 2, 200));
    try (Database plain = Database.openUrl(Database.h2Url(data), null, null)) {
      EventJournal killed =
          new EventJournal(
              plain.dataSource(), JournalLog.open(Database.journalLogIn(data)), 1_000, null);
      assertThat(killed.append(events).appended()).isEqualTo(3);
      assertThat(killed.find("t1"))
          .as("found before the table has it")
          .hasValueSatisfying(e -> assertThat(e.seq()).isEqualTo(2));
      assertThat(killed.latest())
          .hasValueSatisfying(e -> assertThat(e.event().id()).isEqualTo("t2"));
      assertThat(killed.append(List.of(events.get(1))).duplicates())
          .as("a duplicate of a row still in memory")
          .isEqualTo(1);
      assertThat(tableCount(plain)).as("nothing copied yet").isZero();
      // no close, no copy: the process dies here
    }
    try (Database reopened = Database.openH2(data)) {
      List<Event> back = new ArrayList<>();
      reopened.journal().forEachAfter(0, (seq, e) -> back.add(e));
      assertThat(back).containsExactlyElementsOf(events);
      assertThat(reopened.journal().lastSeq()).isEqualTo(3);
      AppendResult again =
          reopened.journal().append(List.of(events.get(0), victimPaysMule("t3", T0 + 3, 300)));
      assertThat(again.duplicates()).isEqualTo(1);
      assertThat(again.seq(1)).isEqualTo(4);
    }
  }

  @Test
  void aRowTheTableWouldRefuse_failsItsBatchBeforeTheLog_andTheNextBatchCarriesOn()
      throws Exception {
    try (Database db = Database.openH2(tmp.resolve("d"))) {
      db.journal().append(List.of(fraudCallsVictim("c1", T0)));
      Event tooLong = fraudCallsVictim("x".repeat(300), T0 + 1);
      assertThatThrownBy(
              () -> db.journal().append(List.of(victimPaysMule("t1", T0 + 2, 100), tooLong)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("does not fit");
      AppendResult next = db.journal().append(List.of(victimPaysMule("t1", T0 + 2, 100)));
      assertThat(next.seq(0)).as("no number was used by the failed batch").isEqualTo(2);
      db.journal().copyPending();
      assertThat(tableCount(db)).isEqualTo(2);
    }
  }

  @Test
  void pastItsBound_anAppendWaitsForTheTable_andFailsWholeWhenTheTableDoes() throws Exception {
    Path data = tmp.resolve("bounded");
    try (Database plain = Database.openUrl(Database.h2Url(data), null, null)) {
      EventJournal j =
          new EventJournal(
              plain.dataSource(), JournalLog.open(Database.journalLogIn(data)), 2, null);
      j.append(
          List.of(
              fraudCallsVictim("c1", T0),
              victimPaysMule("t1", T0 + 1, 100),
              victimPaysMule("t2", T0 + 2, 200)));
      assertThat(tableCount(plain)).isZero();
      j.append(
          List.of(victimPaysMule("t3", T0 + 3, 300))); // three waiting, two allowed: copied first
      assertThat(tableCount(plain)).isEqualTo(3);

      j.append(List.of(victimPaysMule("t4", T0 + 4, 400), victimPaysMule("t5", T0 + 5, 500)));
      exec(plain, "ALTER TABLE journal RENAME TO journal_away"); // the table fails
      long logBytes = logBytes(data);
      assertThatThrownBy(() -> j.append(List.of(victimPaysMule("t6", T0 + 6, 600))))
          .isInstanceOf(StoreException.class);
      assertThat(logBytes(data)).as("nothing of the refused batch was written").isEqualTo(logBytes);
      exec(plain, "ALTER TABLE journal_away RENAME TO journal");
      AppendResult later = j.append(List.of(victimPaysMule("t6", T0 + 6, 600)));
      assertThat(later.seq(0)).isEqualTo(7);
      assertThat(tableCount(plain)).isEqualTo(6);
    }
  }

  private static void exec(Database db, String sql) throws Exception {
    try (var c = db.dataSource().getConnection();
        var st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static long logBytes(Path data) throws Exception {
    try (Stream<Path> s = Files.list(Database.journalLogIn(data))) {
      long n = 0;
      for (Path p : s.toList()) {
        n += Files.size(p);
      }
      return n;
    }
  }

  @Test
  void aFullDisk_failsTheBatchItInterrupts_leavesNothingOfIt_andTheLogGoesOnWhenThereIsRoomAgain()
      throws Exception {
    Path data = tmp.resolve("full");
    FullDisk disk = new FullDisk();
    try (Database plain = Database.openUrl(Database.h2Url(data), null, null)) {
      EventJournal j =
          new EventJournal(
              plain.dataSource(),
              JournalLog.open(Database.journalLogIn(data), JournalLog.SEGMENT_BYTES, disk),
              1_000,
              null);
      j.append(List.of(fraudCallsVictim("c1", T0), victimPaysMule("t1", T0 + 1, 100)));
      long intact = logBytes(data);
      disk.full = true;
      assertThatThrownBy(() -> j.append(List.of(victimPaysMule("t2", T0 + 2, 200))))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("No space left on device");
      assertThat(logBytes(data))
          .as("the torn bytes of the failed batch are cut off")
          .isEqualTo(intact);
      assertThat(j.find("t2")).isEmpty();
      disk.full = false;
      assertThat(j.append(List.of(victimPaysMule("t2", T0 + 2, 200))).seq(0)).isEqualTo(3);
      // no close, no copy: killed here
    }
    try (Database reopened = Database.openH2(data)) {
      List<String> ids = new ArrayList<>();
      reopened.journal().forEachAfter(0, (seq, e) -> ids.add(seq + ":" + e.id()));
      assertThat(ids).containsExactly("1:c1", "2:t1", "3:t2");
    }
  }

  @Test
  void
      aFailedWriteThatCannotBeUndone_stopsTheLogUntilItIsOpenedAgain_andRecoveryKeepsWhatWasAcknowledged() {
    Path dir = tmp.resolve("stuck");
    FullDisk disk = new FullDisk();
    try (JournalLog log = JournalLog.open(dir, JournalLog.SEGMENT_BYTES, disk)) {
      log.recover(e -> {});
      log.append(entries(1, 3));
      disk.full = true;
      disk.stuck = true;
      assertThatThrownBy(() -> log.append(entries(4, 2))).isInstanceOf(StoreException.class);
      disk.full = false;
      disk.stuck = false;
      // torn bytes stay at the end: appending after them would hide these records from recovery
      assertThatThrownBy(() -> log.append(entries(4, 2)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("could not be undone");
    }
    assertThat(recovered(dir)).containsExactlyElementsOf(entries(1, 3));
  }

  @Test
  void withoutALog_eachAppendCommitsToTheTable() throws Exception {
    try (Database plain = Database.openUrl(Database.h2Url(tmp.resolve("plain")), null, null)) {
      plain.journal().append(List.of(fraudCallsVictim("c1", T0)));
      assertThat(tableCount(plain)).isEqualTo(1);
      assertThat(plain.journal().copyPending()).isZero();
    }
    assertThat(Files.exists(Database.journalLogIn(tmp.resolve("plain")))).isFalse();
  }

  @Test
  void copyPending_movesRowsToTheTable() throws Exception {
    Path data = tmp.resolve("d");
    try (Database plain = Database.openUrl(Database.h2Url(data), null, null)) {
      EventJournal j =
          new EventJournal(
              plain.dataSource(), JournalLog.open(Database.journalLogIn(data)), 1_000, null);
      j.append(List.of(fraudCallsVictim("c1", T0), victimPaysMule("t1", T0 + 1, 100)));
      assertThat(tableCount(plain)).isZero();
      assertThat(j.waitingForTable()).isEqualTo(2);
      assertThat(j.copyPending()).isEqualTo(2);
      assertThat(tableCount(plain)).isEqualTo(2);
      assertThat(j.waitingForTable()).isZero();
      assertThat(j.copyPending()).isZero();
      assertThat(j.find("t1")).hasValueSatisfying(e -> assertThat(e.seq()).isEqualTo(2));
    }
  }

  @Test
  void anOpenDatabaseCopiesOnItsOwn_whoeverWrites() throws Exception {
    try (Database db = Database.openH2(tmp.resolve("own"))) {
      db.journal().append(List.of(fraudCallsVictim("c1", T0), victimPaysMule("t1", T0 + 1, 100)));
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      // a row leaves the log's queue only after the table has committed it: wait for both
      while ((tableCount(db) < 2 || db.journal().waitingForTable() > 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(tableCount(db)).as("copied without any reader asking").isEqualTo(2);
      assertThat(db.journal().waitingForTable()).isZero();
    }
  }

  private static long tableCount(Database db) throws Exception {
    try (var c = db.dataSource().getConnection();
        var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM journal")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Path onlySegment(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> all = s.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }
}
