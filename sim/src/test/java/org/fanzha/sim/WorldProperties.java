package org.fanzha.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.SmsEvent;

/** Odd corners of the config space: tiny towns, no farms, one-tier chains, everyone reporting. */
class WorldProperties {

  private static final EventCodec CODEC = new EventCodec();

  @Property(tries = 25)
  void forEachEvent_anySmallConfig_validOrderedAndBackedByEvents(
      @ForAll long seed,
      @ForAll @IntRange(min = 20, max = 400) int people,
      @ForAll @IntRange(min = 1, max = 2) int days,
      @ForAll @IntRange(min = 0, max = 2) int farms,
      @ForAll @IntRange(min = 1, max = 4) int tiersMin,
      @ForAll @IntRange(min = 0, max = 3) int tiersExtra) {
    SimConfig config =
        SimConfig.builder(seed, people, days)
            .simFarms(farms)
            .numbersPerFarm(3)
            .farmCallsPerNumberDay(30)
            .muleTiers(tiersMin, Math.min(4, tiersMin + tiersExtra))
            .muleAccounts(6)
            .victimsPerDay(3)
            .reportRate(1.0)
            .build();
    World world = World.generate(config);
    List<Event> events = new ArrayList<>();
    world.forEachEvent(events::add);

    long previous = Long.MIN_VALUE;
    Set<String> ids = new HashSet<>();
    Set<String> talkers = new HashSet<>();
    for (Event e : events) {
      assertThat(e.ts()).isGreaterThanOrEqualTo(previous);
      previous = e.ts();
      assertThat(ids.add(e.id())).as(e.id()).isTrue();
      ParseResult r = CODEC.parse(CODEC.write(e), 1);
      assertThat(r).as(CODEC.write(e)).isInstanceOf(ParseResult.Accepted.class);
      if (e instanceof CallEvent c) {
        talkers.add(c.caller());
      } else if (e instanceof SmsEvent s) {
        talkers.add(s.sender());
      }
    }
    assertThat(talkers).containsAll(world.truth().entities(EntityKind.PHONE, Role.FRAUD_NUMBER));
    assertThat(world.eventCount()).isEqualTo(events.size());
  }
}
