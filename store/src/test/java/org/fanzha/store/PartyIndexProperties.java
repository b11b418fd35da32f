package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.fanzha.store.EventParties.Party;

/**
 * The per-entity index answers as a scan of every event would, for any events, step sizes, run
 * sizes and merge widths, across restarts that lose what it held in memory.
 */
class PartyIndexProperties {

  private static final List<Party> POOL =
      List.of(
          new Party("phone", "+8613800000001"),
          new Party("phone", "+8613800000002"),
          new Party("account", "alipay:u1"),
          new Party("account", "alipay:u2"),
          new Party("device", "860000000000001"),
          new Party("url", "http://example.cn/a"));

  private static Path dir;
  private static Database db;

  @BeforeContainer
  static void open() throws Exception {
    dir = Files.createTempDirectory("party-index-props");
    db = Database.openH2(dir);
  }

  @AfterContainer
  static void close() {
    db.close();
  }

  @Property(tries = 80)
  void find_anyEventsAndSizes_equalsAScanOfTheEvents(
      @ForAll @Size(max = 120) List<@Size(max = 3) Set<@IntRange(max = 5) Integer>> events,
      @ForAll @IntRange(min = 1, max = 9) int step,
      @ForAll @IntRange(min = 1, max = 30) int mergeStep,
      @ForAll @IntRange(min = 1, max = 12) int runEvents,
      @ForAll @IntRange(min = 2, max = 4) int fanout,
      @ForAll @IntRange(min = 1, max = 5) int rowSeqs,
      @ForAll @IntRange(min = 0, max = 119) int restartAt,
      @ForAll @IntRange(min = 1, max = 40) int limit)
      throws SQLException {
    empty();
    PartyIndex index =
        new PartyIndex(db.dataSource(), new PartyIndex.Shape(runEvents, fanout, rowSeqs));
    for (int i = 0; i < events.size(); i++) {
      if (i
          == restartAt) { // what memory held is lost; the journal is read again from the runs' end
        index = new PartyIndex(db.dataSource(), new PartyIndex.Shape(runEvents, fanout, rowSeqs));
        for (long seq = index.indexed() + 1; seq <= i; seq++) {
          index.add(seq, parties(events.get((int) seq - 1)));
        }
      }
      index.add(i + 1, parties(events.get(i)));
      if ((i + 1) % step == 0) {
        index.settle();
      }
      if ((i + 1) % mergeStep == 0) {
        index.merge();
      }
    }
    index.settle();
    index.merge();

    assertThat(index.indexed()).isEqualTo(events.size());
    for (int p = 0; p < POOL.size(); p++) {
      List<Long> expected = new ArrayList<>();
      for (int i = events.size() - 1; i >= 0 && expected.size() < limit; i--) {
        if (events.get(i).contains(p)) {
          expected.add(i + 1L);
        }
      }
      PartyIndex.Found found = index.find(POOL.get(p).kind(), POOL.get(p).entity(), limit);
      assertThat(java.util.Arrays.stream(found.seqs()).boxed().toList())
          .as("party %s", POOL.get(p))
          .containsExactlyElementsOf(expected);
      assertThat(found.indexed()).isEqualTo(events.size());
    }
    List<PartyIndex.Run> runs = index.runs();
    for (int r = 1; r < runs.size(); r++) {
      assertThat(runs.get(r).toSeq())
          .as("runs cover ranges that meet, without overlap")
          .isEqualTo(runs.get(r - 1).afterSeq());
    }
    assertThat(runs.stream().collect(java.util.stream.Collectors.groupingBy(PartyIndex.Run::level)))
        .as("no level holds a full set of runs after settling")
        .allSatisfy((level, rs) -> assertThat(rs).hasSizeLessThan(fanout));
  }

  @Property(tries = 300)
  void seqDeltas_anyAscendingNumbers_unpackToThemselves(
      @ForAll @Size(min = 1, max = 60) List<@LongRange(min = 1, max = 1L << 40) Long> gaps,
      @ForAll @LongRange(min = 0, max = 1L << 50) long first) {
    long[] seqs = new long[gaps.size()];
    seqs[0] = first;
    for (int i = 1; i < seqs.length; i++) {
      seqs[i] = seqs[i - 1] + gaps.get(i);
    }
    SeqList back = new SeqList();
    SeqDeltas.decode(seqs[0], SeqDeltas.encode(seqs, 0, seqs.length), back);
    assertThat(java.util.Arrays.copyOf(back.array(), back.size())).containsExactly(seqs);
  }

  private static Set<Party> parties(Set<Integer> picks) {
    Set<Party> out = new LinkedHashSet<>();
    for (int p : picks) {
      out.add(POOL.get(p));
    }
    return out;
  }

  private static void empty() throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM journal_party_run");
      s.execute("DELETE FROM journal_run");
    }
  }
}
