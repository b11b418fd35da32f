package org.fanzha.server.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.EntityRisk;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import org.fanzha.store.Database;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRunnerTest {

  /**
   * A small simulated city: a day (and its history) of normal life with SIM farms, mules and
   * victims planted.
   */
  static List<Event> city;

  @TempDir Path tmp;

  @BeforeAll
  static void generate() {
    List<Event> events = new ArrayList<>();
    World.generate(SimConfig.of(11, 300, 1)).forEachEvent(events::add);
    city = events;
  }

  private static RunnerSettings snapshotEvery(long events) {
    return new RunnerSettings(1_000, 64, events, Duration.ofHours(1));
  }

  private static void feed(EmbeddedRunner runner, List<Event> events) throws Exception {
    List<CompletableFuture<Outcome>> pending = new ArrayList<>();
    for (int i = 0; i < events.size(); i += 500) {
      pending.add(runner.submit(events.subList(i, Math.min(events.size(), i + 500))));
    }
    for (CompletableFuture<Outcome> f : pending) {
      f.get(60, TimeUnit.SECONDS);
    }
  }

  private static List<EntityRisk> state(EmbeddedRunner runner) {
    List<EntityRisk> top = runner.read(e -> e.riskiest(200));
    List<EntityRisk> again = new ArrayList<>();
    for (EntityRisk r : top) {
      again.add(runner.read(e -> e.entity(r.entityKind(), r.entity())).orElseThrow());
    }
    assertThat(again).isEqualTo(top);
    return top;
  }

  @Test
  void submit_duplicateIds_processesEachOnceAndReportsDuplicates() throws Exception {
    try (Database db = Database.openH2(tmp)) {
      EmbeddedRunner runner =
          new EmbeddedRunner(db, EngineConfig.defaults(), snapshotEvery(1_000_000));
      runner.start();
      List<Event> first = city.subList(0, 100);
      Outcome a = runner.submit(first).get(30, TimeUnit.SECONDS);
      Outcome b = runner.submit(city.subList(50, 150)).get(30, TimeUnit.SECONDS);

      assertThat(a.accepted()).isEqualTo(100);
      assertThat(b.duplicates()).isEqualTo(50);
      assertThat(b.items().get(0).duplicate()).isTrue();
      assertThat(b.items().get(0).decision()).isNull();
      assertThat(b.items().get(50).seq()).isEqualTo(101);
      assertThat(runner.stats().processed()).isEqualTo(150);
      assertThat(db.journal().count()).isEqualTo(150);
      runner.close();
    }
  }

  @Test
  void start_withListenerAfterASnapshot_listenerSeesTheWholeJournalInOrderThenEachNewEvent()
      throws Exception {
    List<Event> first = city.subList(0, city.size() - 100);
    List<Event> last = city.subList(city.size() - 100, city.size());
    List<String> live = new ArrayList<>();
    try (Database db = Database.openH2(tmp)) {
      EmbeddedRunner runner =
          new EmbeddedRunner(
              db,
              EngineConfig.defaults(),
              snapshotEvery(1_000_000),
              List.of((seq, e) -> live.add(e.id())));
      runner.start();
      feed(runner, first);
      runner.close(); // final snapshot covers everything so far
    }
    assertThat(live).containsExactlyElementsOf(first.stream().map(Event::id).toList());
    List<Long> seqs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> transfers = new ArrayList<>();
    JournalListener transfersOnly =
        new JournalListener() {
          @Override
          public void onJournaled(long seq, Event e) {
            transfers.add(e.id());
          }

          @Override
          public Set<EventType> eventTypes() {
            return EnumSet.of(EventType.TRANSFER);
          }
        };
    try (Database db = Database.openH2(tmp)) {
      EmbeddedRunner runner =
          new EmbeddedRunner(
              db,
              EngineConfig.defaults(),
              snapshotEvery(1_000_000),
              List.of(
                  (seq, e) -> {
                    seqs.add(seq);
                    ids.add(e.id());
                  },
                  (seq, e) -> {
                    throw new IllegalStateException("a broken listener must not stop the engine");
                  },
                  transfersOnly));
      runner.start();
      assertThat(runner.stats().replayedAtStart()).isZero(); // the engine came from the snapshot
      assertThat(ids).containsExactlyElementsOf(live);
      feed(runner, last);

      assertThat(ids).hasSize(city.size());
      assertThat(ids.subList(first.size(), city.size()))
          .containsExactlyElementsOf(last.stream().map(Event::id).toList());
      for (int i = 0; i < seqs.size(); i++) {
        assertThat(seqs.get(i)).isEqualTo(i + 1L);
      }
      assertThat(runner.listenerErrors()).isEqualTo(city.size());
      assertThat(transfers)
          .containsExactlyElementsOf(
              city.stream().filter(e -> e.type() == EventType.TRANSFER).map(Event::id).toList())
          .isNotEmpty();
      assertThat(runner.stats().processed()).isEqualTo(last.size());
      runner.close();
    }
  }

  @Test
  void concurrentSubmitters_engineTakesEveryBatchInJournalOrderAndEachAnswerCarriesItsOwnSeqs()
      throws Exception {
    List<Event> events = city.subList(0, 2_000);
    Map<String, Long> seen = new LinkedHashMap<>(); // filled on the engine thread, in its order
    try (Database db = Database.openH2(tmp)) {
      EmbeddedRunner runner =
          new EmbeddedRunner(
              db,
              EngineConfig.defaults(),
              snapshotEvery(1_000_000),
              List.of((seq, e) -> seen.put(e.id(), seq)));
      runner.start();
      ExecutorService senders = Executors.newFixedThreadPool(4);
      List<Future<List<Outcome.Item>>> sent = new ArrayList<>();
      for (int part = 0; part < 4; part++) {
        List<Event> mine = events.subList(part * 500, part * 500 + 500);
        sent.add(
            senders.submit(
                () -> {
                  List<Outcome.Item> items = new ArrayList<>();
                  for (int i = 0; i < mine.size(); i += 10) {
                    items.addAll(
                        runner.submit(mine.subList(i, i + 10)).get(30, TimeUnit.SECONDS).items());
                  }
                  return items;
                }));
      }
      List<Outcome.Item> answered = new ArrayList<>();
      for (Future<List<Outcome.Item>> f : sent) {
        answered.addAll(f.get(60, TimeUnit.SECONDS));
      }
      senders.shutdown();

      assertThat(new ArrayList<>(seen.values()))
          .as("the engine took the journal's numbers in order, none skipped")
          .isEqualTo(LongStream.rangeClosed(1, 2_000).boxed().toList());
      assertThat(answered).hasSize(2_000);
      for (Outcome.Item item : answered) {
        assertThat(item.seq()).as(item.eventId()).isEqualTo(seen.get(item.eventId()));
      }
      List<Long> journaled = new ArrayList<>();
      db.journal().forEachAfter(0, (seq, e) -> journaled.add(seen.get(e.id())));
      assertThat(journaled).isEqualTo(new ArrayList<>(seen.values()));
      runner.close();
    }
  }

  @Test
  void start_afterGracefulClose_restoresTheSameStateFromTheFinalSnapshot() throws Exception {
    List<EntityRisk> before;
    try (Database db = Database.openH2(tmp)) {
      EmbeddedRunner runner =
          new EmbeddedRunner(db, EngineConfig.defaults(), snapshotEvery(1_000_000));
      runner.start();
      feed(runner, city);
      before = state(runner);
      runner.close();
      assertThat(db.snapshots().latestSeq()).hasValue((long) city.size());
    }
    assertThat(before).isNotEmpty();
    try (Database db = Database.openH2(tmp)) {
      EmbeddedRunner runner =
          new EmbeddedRunner(db, EngineConfig.defaults(), snapshotEvery(1_000_000));
      runner.start();
      assertThat(runner.stats().replayedAtStart()).isZero();
      assertThat(state(runner)).isEqualTo(before);
      runner.close();
    }
  }

  @Test
  void start_afterCrashWithSnapshotsOnTheWay_restoresTheSameStateFromSnapshotPlusJournal()
      throws Exception {
    List<EntityRisk> before;
    try (Database db = Database.openH2(tmp)) {
      EmbeddedRunner runner =
          new EmbeddedRunner(db, EngineConfig.defaults(), snapshotEvery(city.size() / 3));
      runner.start();
      feed(runner, city);
      before = state(runner);
      // Snapshots are written off the engine thread; crash only once one has reached the database.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (db.snapshots().latestSeq().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      runner.stopWithoutSnapshot();
    }
    try (Database db = Database.openH2(tmp)) {
      long snapshotSeq = db.snapshots().latestSeq().orElse(0L);
      EmbeddedRunner runner =
          new EmbeddedRunner(db, EngineConfig.defaults(), snapshotEvery(1_000_000));
      runner.start();
      RunnerStats s = runner.stats();
      assertThat(s.recoveredFromSeq()).isEqualTo(snapshotSeq).isPositive();
      assertThat(s.recoveredFromSeq() + s.replayedAtStart()).isEqualTo(city.size());
      assertThat(state(runner)).isEqualTo(before);
      runner.close();
    }
  }

  @Test
  void start_afterCrashWithoutAnySnapshot_replaysTheWholeJournal() throws Exception {
    List<EntityRisk> before;
    try (Database db = Database.openH2(tmp)) {
      EmbeddedRunner runner =
          new EmbeddedRunner(db, EngineConfig.defaults(), snapshotEvery(Long.MAX_VALUE));
      runner.start();
      feed(runner, city);
      before = state(runner);
      runner.stopWithoutSnapshot();
      assertThat(db.snapshots().latestSeq()).isEmpty();
    }
    try (Database db = Database.openH2(tmp)) {
      EmbeddedRunner runner =
          new EmbeddedRunner(db, EngineConfig.defaults(), snapshotEvery(Long.MAX_VALUE));
      runner.start();
      assertThat(runner.stats().replayedAtStart()).isEqualTo(city.size());
      assertThat(state(runner)).isEqualTo(before);
      runner.close();
    }
  }

  @Test
  void anErrorOnTheEngineThread_failsNoOneAndScoringGoesOn() throws Exception {
    // A listener on the engine thread that dies of an Error (as an OutOfMemoryError would) on every
    // transfer.
    JournalListener dying =
        new JournalListener() {
          @Override
          public Set<EventType> eventTypes() {
            return EnumSet.of(EventType.TRANSFER);
          }

          @Override
          public void onJournaled(long seq, Event event) {
            throw new StackOverflowError("injected");
          }
        };
    try (Database db = Database.openH2(tmp)) {
      EmbeddedRunner runner =
          new EmbeddedRunner(db, EngineConfig.defaults(), snapshotEvery(1_000_000), List.of(dying));
      runner.start();
      feed(runner, city.subList(0, 3_000));

      assertThat(runner.isRunning()).isTrue();
      assertThat(runner.stats().processed()).isEqualTo(3_000);
      assertThat(runner.listenerErrors()).isPositive();
      assertThat(runner.submit(city.subList(3_000, 3_100)).get(30, TimeUnit.SECONDS).accepted())
          .isEqualTo(100);
      runner.close();
    }
  }

  @Test
  void aSubmissionTheStoreRefuses_failsOnlyItsOwnCallerNotTheOthersInItsCommit() throws Exception {
    try (Database db = Database.openH2(tmp)) {
      // One thread per submission, many at once, so they share group commits; one holds an id too
      // long for the
      // journal's column (the codec never lets this through: here it stands for any row a store
      // refuses).
      EmbeddedRunner runner =
          new EmbeddedRunner(db, EngineConfig.defaults(), snapshotEvery(1_000_000));
      runner.start();
      Event poisoned =
          new org.fanzha.core.event.CallEvent(
              "x".repeat(300),
              city.get(0).ts(),
              null,
              "+8613800138000",
              "+8613900139000",
              5,
              null,
              null,
              null,
              null,
              null);
      List<CompletableFuture<Outcome>> honest = new ArrayList<>();
      CompletableFuture<Outcome> bad = null;
      for (int i = 0; i < 40; i++) {
        honest.add(runner.submit(city.subList(i * 10, i * 10 + 10)));
        if (i == 20) {
          bad = runner.submit(List.of(poisoned));
        }
      }
      for (CompletableFuture<Outcome> f : honest) {
        assertThat(f.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(10);
      }
      CompletableFuture<Outcome> refused = bad;
      assertThat(refused).failsWithin(Duration.ofSeconds(30));
      assertThat(db.journal().count()).isEqualTo(400);
      runner.close();
    }
  }

  @Test
  void useRules_underLoad_losesNoEventAndScoresNoneTwice() throws Exception {
    try (Database db = Database.openH2(tmp)) {
      EmbeddedRunner runner =
          new EmbeddedRunner(db, EngineConfig.defaults(), snapshotEvery(1_000_000));
      runner.start();
      org.fanzha.engine.rules.RuleBook shipped = org.fanzha.engine.rules.RuleBook.defaults();
      org.fanzha.engine.rules.RuleBook stricter = shipped.withParam("phone.min_calls", 10);
      List<Event> events = city.subList(0, 6_000);
      java.util.concurrent.ExecutorService senders =
          java.util.concurrent.Executors.newFixedThreadPool(2);
      List<java.util.concurrent.Future<Integer>> sent = new ArrayList<>();
      for (int part = 0; part < 2; part++) {
        List<Event> mine = events.subList(part * 3_000, part * 3_000 + 3_000);
        sent.add(
            senders.submit(
                () -> {
                  int accepted = 0;
                  for (int i = 0; i < mine.size(); i += 50) {
                    accepted +=
                        runner.submit(mine.subList(i, i + 50)).get(30, TimeUnit.SECONDS).accepted();
                  }
                  return accepted;
                }));
      }
      int swaps = 0;
      while (sent.stream().anyMatch(f -> !f.isDone())) {
        runner.useRules(swaps++ % 2 == 0 ? stricter : shipped, "");
      }
      senders.shutdown();
      int accepted = 0;
      for (java.util.concurrent.Future<Integer> f : sent) {
        accepted += f.get();
      }
      assertThat(swaps).isGreaterThan(2);
      assertThat(accepted).isEqualTo(6_000);
      assertThat(db.journal().count()).isEqualTo(6_000);
      assertThat(runner.stats().processed()).isEqualTo(6_000);
      assertThat(runner.stats().engineErrors()).isZero();
      runner.useRules(stricter, "");
      double minCalls = runner.read(e -> e.rules().param("phone.min_calls"));
      assertThat(minCalls).isEqualTo(10);
      runner.close();
    }
  }
}
