package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.Channel;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.event.TransferEvent;

class EnginePropertiesTest {

  @Provide
  Arbitrary<List<Event>> streams() {
    Arbitrary<Integer> who = Arbitraries.integers().between(0, 30);
    Arbitrary<Long> ts =
        Arbitraries.longs().between(Scenario.T0 - 3 * Scenario.DAY, Scenario.T0 + 3 * Scenario.DAY);
    Arbitrary<Event> call =
        Combinators.combine(
                who,
                who,
                ts,
                Arbitraries.integers().between(0, 4000),
                Arbitraries.of("IMEI-1", "IMEI-2"))
            .as(
                (a, b, t, d, imei) ->
                    new CallEvent(
                        "c" + a + b + t,
                        t,
                        null,
                        Scenario.phone(a),
                        Scenario.phone(b),
                        d,
                        null,
                        null,
                        imei,
                        "CELL",
                        null));
    Arbitrary<Event> transfer =
        Combinators.combine(
                who,
                who,
                ts,
                Arbitraries.longs().between(1, 10_000_000),
                Arbitraries.of(Channel.values()))
            .as(
                (a, b, t, fen, ch) ->
                    new TransferEvent(
                        "t" + a + b + t,
                        t,
                        null,
                        Scenario.account(a),
                        b % 7 == 0 ? "cash:ATM1" : Scenario.account(b),
                        fen,
                        "CNY",
                        ch,
                        Scenario.phone(a),
                        null,
                        "DEV" + a % 3,
                        null,
                        null));
    Arbitrary<Event> opening =
        Combinators.combine(who, who, ts, Arbitraries.of(OpeningKind.values()))
            .as(
                (a, h, t, k) ->
                    new OpeningEvent(
                        "o" + a + h + t,
                        t,
                        null,
                        k,
                        k == OpeningKind.SIM ? Scenario.phone(a) : Scenario.account(a),
                        Scenario.holder(h % 5),
                        Scenario.phone(a),
                        "410400",
                        "DEV" + h % 2,
                        "10.0.0." + h % 3,
                        "agent" + h % 4));
    Arbitrary<Event> device =
        Combinators.combine(who, ts, Arbitraries.of(DeviceSignal.values()))
            .as(
                (a, t, k) ->
                    new DeviceEvent(
                        "d" + a + t, t, null, Scenario.phone(a), k, "http://x.example/" + a % 2));
    Arbitrary<Event> report =
        Combinators.combine(who, who, ts)
            .as(
                (a, r, t) ->
                    new ReportEvent(
                        "r" + a + r + t,
                        t,
                        null,
                        List.of(
                            new ReportTarget(TargetKind.PHONE, Scenario.phone(a)),
                            new ReportTarget(TargetKind.ACCOUNT, Scenario.account(a)),
                            new ReportTarget(TargetKind.URL, "http://x.example/1")),
                        Scenario.phone(r),
                        null,
                        FraudType.LOAN,
                        null,
                        100,
                        List.of()));
    Arbitrary<Event> label =
        Combinators.combine(
                who, ts, Arbitraries.of(EntityKind.values()), Arbitraries.of(Role.values()))
            .as(
                (a, t, k, role) ->
                    new LabelEvent(
                        "l" + a + t,
                        t,
                        null,
                        k,
                        k == EntityKind.PHONE
                            ? Scenario.phone(a)
                            : k == EntityKind.HOLDER
                                ? Scenario.holder(a)
                                : k == EntityKind.ACCOUNT ? Scenario.account(a) : "DEV" + a,
                        role,
                        null));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, call),
            net.jqwik.api.Tuple.of(4, transfer),
            net.jqwik.api.Tuple.of(2, opening),
            net.jqwik.api.Tuple.of(1, device),
            net.jqwik.api.Tuple.of(1, report),
            net.jqwik.api.Tuple.of(1, label))
        .list()
        .ofMaxSize(300);
  }

  @Property(tries = 60)
  void process_anyValidStream_neverThrowsAndKeepsDecisionsConsistent(
      @ForAll("streams") List<Event> events) {
    Engine engine = new Engine(EngineConfig.defaults().with("pairs.log2_bits", 12));
    for (Event e : events) {
      Decision d = engine.process(e);
      assertThat(d.eventId()).isEqualTo(e.id());
      assertThat(d.score()).isBetween(0, 100);
      if (d.isNone()) {
        assertThat(d.action()).isEqualTo(Action.ALLOW);
        assertThat(d.reasons()).isEmpty();
      } else {
        assertThat(d.level()).isEqualTo(Level.of(d.score()));
        assertThat(d.reasons()).isNotEmpty();
      }
    }
    engine.forEachRisk(r -> assertThat(r.score()).isBetween(1, 100));
    assertThat(engine.stats().events()).isEqualTo(events.size());
    for (Warning w : engine.drainWarnings()) {
      assertThat(w.evidence()).isNotEmpty();
    }
  }
}
