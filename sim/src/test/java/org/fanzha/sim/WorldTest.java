package org.fanzha.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.NdjsonLines;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.junit.jupiter.api.Test;

class WorldTest {

  private static final SimConfig TINY = SimConfig.builder(7, 800, 2).build();

  @Test
  void forEachEvent_sameConfig_byteIdenticalOutput() {
    byte[] a = SmallWorld.ndjson(TINY);
    byte[] b = SmallWorld.ndjson(TINY);
    assertThat(a.length).isGreaterThan(100_000);
    assertThat(b).isEqualTo(a);
  }

  @Test
  void forEachEvent_calledTwiceOnOneWorld_sameSequence() {
    World w = World.generate(TINY);
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    w.forEachEvent(e -> first.add(e.id()));
    w.forEachEvent(e -> second.add(e.id()));
    assertThat(second).isEqualTo(first);
    assertThat(w.eventCount()).isEqualTo(first.size());
  }

  @Test
  void forEachEvent_differentSeed_differentOutput() {
    byte[] a = SmallWorld.ndjson(TINY);
    byte[] b = SmallWorld.ndjson(SimConfig.builder(8, 800, 2).build());
    assertThat(b).isNotEqualTo(a);
  }

  @Test
  void forEachEvent_everyLineParsesThroughTheCodec() {
    byte[] bytes = SmallWorld.ndjson(SmallWorld.CONFIG);
    EventCodec codec = new EventCodec();
    List<String> rejections = new ArrayList<>();
    long[] accepted = new long[1];
    NdjsonLines.forEach(
        bytes,
        0,
        bytes.length,
        (buf, off, len, line) -> {
          ParseResult r = codec.parse(buf, off, len, line);
          if (r instanceof ParseResult.Rejected rej) {
            rejections.add(
                rej.rejection() + " in " + new String(buf, off, len, StandardCharsets.UTF_8));
          } else {
            accepted[0]++;
          }
        });
    assertThat(rejections).isEmpty();
    assertThat(accepted[0]).isEqualTo(SmallWorld.events().size());
  }

  @Test
  void forEachEvent_reparsedEventsEqualTheGeneratedOnes() {
    EventCodec codec = new EventCodec();
    List<Event> events = SmallWorld.events();
    for (int i = 0; i < events.size(); i += 37) {
      Event e = events.get(i);
      ParseResult r = codec.parse(codec.write(e), i);
      assertThat(r).isInstanceOf(ParseResult.Accepted.class);
      assertThat(((ParseResult.Accepted) r).event()).isEqualTo(e);
    }
  }

  @Test
  void forEachEvent_timeNeverGoesBackwards() {
    long previous = Long.MIN_VALUE;
    for (Event e : SmallWorld.events()) {
      assertThat(e.ts()).as(e.id()).isGreaterThanOrEqualTo(previous);
      previous = e.ts();
    }
  }

  @Test
  void forEachEvent_idsAreUnique() {
    Set<String> ids = new HashSet<>();
    for (Event e : SmallWorld.events()) {
      assertThat(ids.add(e.id())).as(e.id()).isTrue();
    }
  }

  @Test
  void forEachEvent_everyTypeButLabelOccurs() {
    Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
    for (Event e : SmallWorld.events()) {
      counts.merge(e.type(), 1, Integer::sum);
    }
    assertThat(counts.keySet())
        .containsExactlyInAnyOrder(
            EventType.CALL,
            EventType.SMS,
            EventType.TRANSFER,
            EventType.OPENING,
            EventType.DEVICE,
            EventType.REPORT);
  }

  @Test
  void forEachEvent_simulatedDaysLieInTheConfiguredPeriod() {
    long start = SmallWorld.CONFIG.startMillis();
    long calls =
        SmallWorld.events().stream()
            .filter(e -> e.type() == EventType.CALL)
            // night-shift workers' last night runs to 05:00 after the last day
            .filter(e -> e.ts() < start || e.ts() >= SmallWorld.CONFIG.endMillis() + 6 * 3_600_000L)
            .count();
    assertThat(calls).isZero();
  }
}
