package org.fanzha.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Ids that sort as they were made, whatever the clock does. */
class OrderedIdsProperties {

  @Property
  void idsSortInTheOrderTheyWereMadeEvenWhenTheClockStandsStillOrStepsBack(
      @ForAll @Size(min = 1, max = 300)
          List<@LongRange(min = 0, max = 5_000_000_000_000L) Long> clockReadings) {
    AtomicInteger reading = new AtomicInteger();
    OrderedIds ids =
        new OrderedIds(
            "LE-", () -> clockReadings.get(reading.getAndIncrement() % clockReadings.size()));
    List<String> made = new ArrayList<>();
    for (int i = 0; i < clockReadings.size(); i++) {
      made.add(ids.next());
    }
    for (int i = 1; i < made.size(); i++) {
      assertThat(made.get(i)).as("id %d after id %d", i, i - 1).isGreaterThan(made.get(i - 1));
    }
    assertThat(new HashSet<>(made)).hasSameSizeAs(made);
    assertThat(made).allSatisfy(id -> assertThat(id).matches("LE-[0-9a-f]{20}"));
  }

  @Property
  void anIdMadeLaterByTheClockSortsAfterOneMadeEarlierByAnotherInstance(
      @ForAll @LongRange(min = 0, max = 5_000_000_000_000L) long earlier,
      @ForAll @IntRange(min = 1, max = 100_000) int later) {
    String first = new OrderedIds("LE-", () -> earlier).next();
    String second = new OrderedIds("LE-", () -> earlier + later).next();
    assertThat(second).isGreaterThan(first);
  }
}
