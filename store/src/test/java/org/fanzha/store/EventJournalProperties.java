package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.fanzha.core.event.Event;

/** Idempotency of the journal for any sequence of batches with repeated ids. */
class EventJournalProperties {

  private static Path dir;
  private static Database db;
  private static int run;

  @BeforeContainer
  static void open() throws Exception {
    dir = Files.createTempDirectory("journal-props");
    db = Database.openH2(dir);
  }

  @AfterContainer
  static void close() {
    db.close();
  }

  @Property(tries = 60)
  void append_anyBatchesWithRepeats_journalsEachDistinctIdOnceInFirstSeenOrder(
      @ForAll @Size(min = 1, max = 6)
          List<@Size(max = 40) List<@IntRange(min = 0, max = 30) Integer>> batches) {
    String prefix = "p" + (++run) + "-";
    long before = db.journal().count();
    Set<String> seen = new HashSet<>();
    Set<String> expectedOrder = new LinkedHashSet<>();
    int reportedNew = 0;
    for (List<Integer> batch : batches) {
      List<Event> events = new ArrayList<>();
      for (int k : batch) {
        events.add(TestEvents.victimPaysMule(prefix + k, TestEvents.T0 + k, 100 + k));
      }
      AppendResult r = db.journal().append(events);
      for (int i = 0; i < batch.size(); i++) {
        String id = prefix + batch.get(i);
        assertThat(r.isDuplicate(i)).as("id %s", id).isEqualTo(!seen.add(id));
        expectedOrder.add(id);
      }
      reportedNew += r.appended();
    }
    assertThat(reportedNew).isEqualTo(seen.size());
    assertThat(db.journal().count() - before).isEqualTo(seen.size());
    List<String> journaled = new ArrayList<>();
    db.journal()
        .forEachAfter(
            0,
            (seq, e) -> {
              if (e.id().startsWith(prefix)) {
                journaled.add(e.id());
              }
            });
    assertThat(journaled).containsExactlyElementsOf(expectedOrder);
  }
}
