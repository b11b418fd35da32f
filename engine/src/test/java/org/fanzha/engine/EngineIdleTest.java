package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.engine.Scenario.DAY;
import static org.fanzha.engine.Scenario.HOUR;
import static org.fanzha.engine.Scenario.T0;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.Role;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import org.junit.jupiter.api.Test;

/**
 * Entities idle longer than {@code state.idle_days} with nothing held are forgotten (decision
 * 0027).
 */
class EngineIdleTest {

  private static final EngineConfig KEEP_ALL = EngineConfig.defaults().with("pairs.log2_bits", 16);
  private static final EngineConfig TWO_DAYS = KEEP_ALL.with("state.idle_days", 2);

  @Test
  void aStreamOfNumbersThatComeAndGo_keepsAboutTheIdleWindowOfThem_whereKeepingAllGrowsWithIt() {
    Engine kept = new Engine(KEEP_ALL);
    Engine idle = new Engine(TWO_DAYS);
    for (Engine e : List.of(kept, idle)) {
      Scenario s = new Scenario(e);
      for (int day = 0; day < 12; day++) {
        for (int k = 0;
            k < 300;
            k++) { // each day 300 numbers never seen again call a regular line once
          s.call(
              T0 + day * DAY + k * 60_000L,
              "+861370" + String.format("%03d%04d", day, k),
              "+8613900000001",
              40);
        }
      }
    }
    assertThat(kept.stats().entitiesTracked().get(EntityKind.PHONE)).isEqualTo(12 * 300 + 1);
    int held = idle.stats().entitiesTracked().get(EntityKind.PHONE);
    assertThat(held)
        .as("the last two or three days' callers and the line they call")
        .isBetween(2 * 300 + 1, 3 * 300 + 1);
    assertThat(idle.stats().forgottenIdle()).isEqualTo(12 * 300 + 1 - held);
    assertThat(idle.stats().approxStateBytes()).isLessThan(kept.stats().approxStateBytes());
    assertThat(idle.subscriber("+8613900000001")).as("the line called every day stays").isPresent();
    assertThat(idle.subscriber("+8613700000000")).as("the first day's caller is gone").isEmpty();
    assertThat(idle.subscriber("+8613700110299")).as("the last day's caller stays").isPresent();
  }

  @Test
  void anIdleNumberHeldAsFraud_orListed_staysWhereAnIdleHonestOneGoes() {
    Scenario s = new Scenario(new Engine(TWO_DAYS));
    s.call(T0, "+8613811110001", "+8613811110002", 60);
    s.call(T0 + HOUR, "+8613811110003", "+8613811110004", 60);
    s.label(T0 + 2 * HOUR, EntityKind.PHONE, "+8613811110003", Role.FRAUD_NUMBER);
    for (int day = 1; day <= 4; day++) {
      s.call(T0 + day * DAY, "+8613899990000", "+8613899990001", 30); // the clock moves on
    }
    Engine e = s.engine();
    assertThat(e.subscriber("+8613811110001")).isEmpty();
    assertThat(e.subscriber("+8613811110002")).isEmpty();
    assertThat(e.entity(EntityKind.PHONE, "+8613811110003"))
        .as("risk stands until it is reviewed")
        .isPresent();
    assertThat(e.subscriber("+8613811110003")).isPresent();
  }

  @Test
  void cardsWhoseOpeningWasSeen_stayHoweverIdle_andTheirHoldersListStillReachesThem() {
    Scenario s = new Scenario(new Engine(TWO_DAYS));
    for (int k = 1; k <= 3; k++) {
      s.opening(
          T0 + k * 60_000L,
          OpeningKind.SIM,
          "+861360000000" + k,
          "id:110101199001011234",
          null,
          "110101",
          null,
          null,
          "store");
    }
    s.call(
        T0 + HOUR,
        "+8613600000009",
        "+8613899990001",
        30); // a number whose opening this feed never saw
    for (int day = 1; day <= 5; day++) {
      s.call(
          T0 + day * DAY, "+8613600000002", "+8613899990001", 30); // only the second card is used
    }
    Engine e = s.engine();
    assertThat(e.subscriber("+8613600000001")).isPresent();
    assertThat(e.subscriber("+8613600000003")).isPresent();
    assertThat(e.subscriber("+8613600000009")).isEmpty();
    s.label(T0 + 5 * DAY + HOUR, EntityKind.HOLDER, "id:110101199001011234", Role.CARD_DEALER);
    assertThat(e.entity(EntityKind.PHONE, "+8613600000002"))
        .as("the holder's list still reaches the card in use")
        .hasValueSatisfying(r -> assertThat(r.score()).isPositive());
    assertThat(e.subscriber("+8613600000001")).as("and the idle ones stay on it").isPresent();
  }

  @Test
  void aRestoredEngineThatForgets_scoresTheRestAsTheRunningOne_andWritesTheSameBytes()
      throws IOException {
    List<Event> events = new ArrayList<>();
    World.generate(SimConfig.of(13, 1200, 5)).forEachEvent(events::add);
    EngineConfig cfg = KEEP_ALL.with("state.idle_days", 1);
    int cut = events.size() * 3 / 5;
    Engine straight = new Engine(cfg);
    for (int i = 0; i < cut; i++) {
      straight.process(events.get(i));
    }
    straight.drainWarnings();
    assertThat(straight.stats().forgottenIdle())
        .as("the world has idle entities by then")
        .isPositive();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    straight.writeSnapshot(bytes);
    Engine restored = Engine.readSnapshot(new ByteArrayInputStream(bytes.toByteArray()), cfg);
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    restored.writeSnapshot(again);
    assertThat(again.toByteArray())
        .as("gaps and free ids written back as read")
        .isEqualTo(bytes.toByteArray());

    for (int i = cut; i < events.size(); i++) {
      assertThat(restored.process(events.get(i))).isEqualTo(straight.process(events.get(i)));
      assertThat(restored.drainWarnings()).isEqualTo(straight.drainWarnings());
    }
    assertThat(restored.riskiest(100)).isEqualTo(straight.riskiest(100));
    assertThat(restored.stats().entitiesTracked()).isEqualTo(straight.stats().entitiesTracked());
  }
}
