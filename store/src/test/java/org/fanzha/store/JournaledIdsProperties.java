package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The journaled ids' filters never call a journaled id new, however far they grow. */
class JournaledIdsProperties {

  @Property(tries = 50)
  void everyIdAdded_mayBeJournaled_acrossNewFilters(
      @ForAll @Size(min = 1, max = 6_000) Set<@StringLength(min = 1, max = 40) String> ids) {
    JournaledIds journaled = new JournaledIds(1_000);
    journaled.complete();
    for (String id : ids) {
      journaled.add(id);
    }
    for (String id : ids) {
      assertThat(journaled.mayBeJournaled(id)).as(id).isTrue();
    }
    assertThat(journaled.filters())
        .isEqualTo(ids.size() <= 1_000 ? 1 : ids.size() <= 3_000 ? 2 : 3);
  }

  @Property(tries = 10)
  void idsNeverAdded_areMostlyKnownNew_soFewAppendsAskTheTable(
      @ForAll @IntRange(min = 1_000, max = 20_000) int added) {
    JournaledIds journaled = new JournaledIds(1_000);
    journaled.complete();
    for (int i = 0; i < added; i++) {
      journaled.add("seen-" + i);
    }
    int askedAbout = 0;
    for (int i = 0; i < 10_000; i++) {
      if (journaled.mayBeJournaled("new-" + i)) {
        askedAbout++;
      }
    }
    // each filter errs at about 1 %; a handful of them at about 1 % each
    assertThat(askedAbout).isLessThan(10_000 * journaled.filters() * 2 / 100);
  }

  @Property(tries = 20)
  void beforeTheOldIdsAreRead_everyIdMayBeJournaled(@ForAll @StringLength(min = 1) String id) {
    JournaledIds journaled = new JournaledIds(1_000);
    assertThat(journaled.mayBeJournaled(id)).isTrue();
    journaled.complete();
    journaled.add(id);
    assertThat(journaled.mayBeJournaled(id)).isTrue();
  }
}
