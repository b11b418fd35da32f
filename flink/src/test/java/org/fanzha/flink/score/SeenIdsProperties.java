package org.fanzha.flink.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What the dedupe window promises, on random streams of ids in time order (with repeats and small
 * clock steps).
 */
class SeenIdsProperties {
  private static final long WINDOW = 1_000;

  /** A clock ahead of every generated time: windows move with the events alone. */
  private static final java.util.function.LongSupplier FAR_FUTURE = () -> Long.MAX_VALUE;

  record Arrival(String id, long ts) {}

  @Property
  void aRepeatWithinOneWindowIsAlwaysCaughtAndOneAfterTwoWindowsNever(
      @ForAll("streams") List<Arrival> stream) {
    SeenIds seen = new SeenIds(WINDOW, FAR_FUTURE);
    Map<String, Long> lastAccepted = new HashMap<>();
    for (Arrival a : stream) {
      Long last = lastAccepted.get(a.id());
      boolean first = seen.firstTime(a.id(), a.ts());
      if (last != null && a.ts() - last < WINDOW) {
        assertThat(first).as("%s again after %d ms", a.id(), a.ts() - last).isFalse();
      }
      if (last == null || a.ts() - last >= 2 * WINDOW) {
        assertThat(first)
            .as("%s after %s", a.id(), last == null ? "never" : (a.ts() - last) + " ms")
            .isTrue();
      }
      if (first) {
        lastAccepted.put(a.id(), a.ts());
      }
    }
  }

  @Property
  void itHoldsNoMoreThanTheIdsOfTwoWindows(@ForAll("streams") List<Arrival> stream) {
    SeenIds seen = new SeenIds(WINDOW, FAR_FUTURE);
    for (Arrival a : stream) {
      seen.firstTime(a.id(), a.ts());
      long recent =
          stream.stream()
              .filter(b -> b.ts() <= a.ts() && a.ts() - b.ts() < 2 * WINDOW)
              .map(Arrival::id)
              .distinct()
              .count();
      assertThat(seen.size()).isLessThanOrEqualTo((int) recent);
    }
  }

  @Property
  void aRestoredSetAnswersAsTheOriginal(@ForAll("streams") List<Arrival> stream)
      throws IOException {
    SeenIds original = new SeenIds(WINDOW, FAR_FUTURE);
    int half = stream.size() / 2;
    for (Arrival a : stream.subList(0, half)) {
      original.firstTime(a.id(), a.ts());
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    original.write(new DataOutputStream(bytes));
    SeenIds restored =
        SeenIds.read(
            new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), WINDOW, FAR_FUTURE);
    for (Arrival a : stream.subList(half, stream.size())) {
      assertThat(restored.firstTime(a.id(), a.ts())).isEqualTo(original.firstTime(a.id(), a.ts()));
    }
  }

  @Property
  void anEventDatedAheadOfTheClockDoesNotMakeRecentIdsForgotten(
      @ForAll("streams") List<Arrival> stream) {
    if (stream.isEmpty()) {
      return;
    }
    long now = stream.get(stream.size() - 1).ts();
    SeenIds seen = new SeenIds(WINDOW, () -> now);
    Map<String, Long> accepted = feed(seen, stream);
    seen.firstTime("from-the-future", now + 10 * WINDOW);
    accepted.forEach(
        (id, at) -> {
          if (now - at < WINDOW) {
            assertThat(seen.firstTime(id, now))
                .as("%s, accepted %d ms before now", id, now - at)
                .isFalse();
          }
        });
  }

  @Property
  void restoredUnderAnotherWindowItStillKnowsEveryIdItHeld(@ForAll("streams") List<Arrival> stream)
      throws IOException {
    SeenIds original = new SeenIds(WINDOW, FAR_FUTURE);
    Map<String, Long> accepted = feed(original, stream);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    original.write(new DataOutputStream(bytes));
    SeenIds restored =
        SeenIds.read(
            new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
            7 * WINDOW,
            FAR_FUTURE);
    long now = stream.isEmpty() ? 0 : stream.get(stream.size() - 1).ts();
    accepted.forEach(
        (id, at) -> {
          if (now - at < WINDOW) {
            assertThat(restored.firstTime(id, now)).as(id).isFalse();
          }
        });
  }

  @Property
  void foreverForgetsNothing(@ForAll("streams") List<Arrival> stream) {
    SeenIds seen = new SeenIds(SeenIds.FOREVER, FAR_FUTURE);
    Map<String, Boolean> met = new HashMap<>();
    for (Arrival a : stream) {
      assertThat(seen.firstTime(a.id(), a.ts())).isEqualTo(met.put(a.id(), true) == null);
    }
  }

  /**
   * Feeds the stream; returns when each id was last accepted (a repeat that is caught does not
   * renew it).
   */
  private static Map<String, Long> feed(SeenIds seen, List<Arrival> stream) {
    Map<String, Long> accepted = new HashMap<>();
    for (Arrival a : stream) {
      if (seen.firstTime(a.id(), a.ts())) {
        accepted.put(a.id(), a.ts());
      }
    }
    return accepted;
  }

  /**
   * Ids from a small alphabet (so they repeat) at times that only move forward, by up to 1.5
   * windows a step.
   */
  @Provide
  Arbitrary<List<Arrival>> streams() {
    Arbitrary<String> ids = Arbitraries.integers().between(0, 40).map(i -> "ev-" + i);
    Arbitrary<Long> steps =
        Arbitraries.longs().between(0, WINDOW * 3 / 2).edgeCases(c -> c.add(WINDOW));
    return Combinators.combine(ids, steps)
        .as((id, step) -> new Arrival(id, step))
        .list()
        .ofMaxSize(120)
        .map(SeenIdsProperties::accumulate);
  }

  private static List<Arrival> accumulate(List<Arrival> steps) {
    long t = 1_700_000_000_000L;
    java.util.ArrayList<Arrival> out = new java.util.ArrayList<>();
    for (Arrival s : steps) {
      t += s.ts();
      out.add(new Arrival(s.id(), t));
    }
    return out;
  }
}
