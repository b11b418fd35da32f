package org.fanzha.engine.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fanzha.core.event.ClosingEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.event.ListingEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.Role;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Tactic;
import org.fanzha.sim.World;
import org.junit.jupiter.api.Test;

/**
 * The kind of event each part belongs to, on which a keyed runner passes an event by the stages it
 * has no part at.
 */
class PartTest {

  @Test
  void everyPartOfAnEventIsOfItsKindAndRunsAtAStageItsKindCanReach() {
    List<Event> events = new ArrayList<>();
    World.generate(SimConfig.builder(31, 300, 2).tactics(Tactic.parse("all")).build())
        .forEachEvent(events::add);
    // the kinds a simulated city may not send: labels and listings of every entity, closings
    for (EntityKind k : EntityKind.values()) {
      events.add(new LabelEvent("l-" + k, 1, null, k, "x", Role.FRAUD_NUMBER, null));
    }
    for (ListKind k : ListKind.values()) {
      events.add(
          new ListingEvent("ls-" + k, 1, null, ListName.BLACK, false, k, "x", null, null, null));
    }
    events.add(new ClosingEvent("c", 1, null, OpeningKind.SIM, "+8613900000001", "h", null));

    Set<Class<?>> kindsSeen = new HashSet<>();
    Part.Visits visits = new Part.Visits();
    for (Event e : events) {
      kindsSeen.add(e.getClass());
      visits.fill(e);
      for (int i = 0; i < visits.size(); i++) {
        Part p = visits.part(i);
        assertThat(p.event()).as("%s of %s", p, e.id()).isEqualTo(e.getClass());
      }
    }
    assertThat(kindsSeen).containsAll(List.of(Event.class.getPermittedSubclasses()));
  }

  @Test
  void aCallHasNoPartForHoldersAndAnSmsNoneForHandsets() {
    assertThat(Part.anyAt(org.fanzha.core.event.CallEvent.class, Stage.HOLDER)).isFalse();
    assertThat(Part.anyAt(org.fanzha.core.event.SmsEvent.class, Stage.NODE)).isFalse();
    assertThat(Part.anyAt(org.fanzha.core.event.CallEvent.class, Stage.NODE)).isTrue();
    assertThat(Part.anyAt(org.fanzha.core.event.OpeningEvent.class, Stage.HOLDER)).isTrue();
  }
}
