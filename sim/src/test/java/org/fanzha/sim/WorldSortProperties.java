package org.fanzha.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.SmsEvent;

class WorldSortProperties {

  @Property(tries = 300)
  void sortByTime_equalsAStableSort(
      @ForAll @Size(max = 300) List<@LongRange(min = 0, max = 50) Long> offsets,
      @ForAll boolean hugeSpan) {
    long base = SimConfig.DEFAULT_START;
    long step = hugeSpan ? 1L << 36 : 1000; // huge spans take the fallback path
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < offsets.size(); i++) {
      events.add(
          new SmsEvent(
              "e" + i,
              base + offsets.get(i) * step,
              null,
              "+8613800138000",
              "+8613900139000",
              "x",
              null));
    }
    List<Event> expected = new ArrayList<>(events);
    expected.sort(Comparator.comparingLong(Event::ts));
    World.sortByTime(events);
    assertThat(events).containsExactlyElementsOf(expected);
  }
}
