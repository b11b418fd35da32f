package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.Role;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import org.junit.jupiter.api.Test;

class EngineSnapshotTest {

  private static final EngineConfig CFG = EngineConfig.defaults().with("pairs.log2_bits", 20);

  private static List<Event> world() {
    List<Event> events = new ArrayList<>();
    World.generate(SimConfig.of(11, 1500, 3)).forEachEvent(events::add);
    return events;
  }

  private static byte[] snapshot(Engine e) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    e.writeSnapshot(out);
    return out.toByteArray();
  }

  @Test
  void readSnapshot_restoredEngineScoresTheNextEventsIdentically() throws IOException {
    restoredEngineScoresIdentically(CFG);
  }

  @Test
  void readSnapshot_withTheDefaultGrowingPairSet_restoredEngineScoresTheNextEventsIdentically()
      throws IOException {
    assertThat(EngineConfig.defaults().pairsLog2Bits()).as("the default grows").isZero();
    restoredEngineScoresIdentically(EngineConfig.defaults());
  }

  @Test
  void writeSnapshot_ofARestoredEngineWithTheGrowingPairSet_isByteIdentical() throws IOException {
    Engine e = new Engine(EngineConfig.defaults());
    for (Event ev : world()) {
      e.process(ev);
    }
    e.drainWarnings();
    byte[] a = snapshot(e);
    byte[] b = snapshot(Engine.readSnapshot(new ByteArrayInputStream(a), EngineConfig.defaults()));
    assertThat(b).isEqualTo(a);
  }

  private static void restoredEngineScoresIdentically(EngineConfig cfg) throws IOException {
    List<Event> events = world();
    int half = events.size() / 2;
    Engine straight = new Engine(cfg);
    Engine first = new Engine(cfg);
    for (int i = 0; i < half; i++) {
      straight.process(events.get(i));
      first.process(events.get(i));
    }
    straight.drainWarnings();
    first.drainWarnings();
    first.process(
        new org.fanzha.core.event.LabelEvent(
            "l-x",
            events.get(half).ts(),
            null,
            EntityKind.PHONE,
            "+8613800138000",
            Role.FRAUD_NUMBER,
            null));
    straight.process(
        new org.fanzha.core.event.LabelEvent(
            "l-x",
            events.get(half).ts(),
            null,
            EntityKind.PHONE,
            "+8613800138000",
            Role.FRAUD_NUMBER,
            null));
    Engine restored = Engine.readSnapshot(new ByteArrayInputStream(snapshot(first)), cfg);

    List<Decision> expected = new ArrayList<>();
    List<Decision> actual = new ArrayList<>();
    List<Warning> expectedWarnings = new ArrayList<>();
    List<Warning> actualWarnings = new ArrayList<>();
    for (int i = half; i < events.size(); i++) {
      expected.add(straight.process(events.get(i)));
      actual.add(restored.process(events.get(i)));
      expectedWarnings.addAll(straight.drainWarnings());
      actualWarnings.addAll(restored.drainWarnings());
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(actualWarnings).isEqualTo(expectedWarnings);
    assertThat(expected.stream().filter(d -> !d.isNone()).count())
        .as("the comparison saw decisions")
        .isPositive();
    assertThat(restored.riskiest(50)).isEqualTo(straight.riskiest(50));
    assertThat(restored.stats().eventsByType()).isEqualTo(straight.stats().eventsByType());
    assertThat(restored.lists().mightBeListed(EntityKind.PHONE, "+8613800138000")).isTrue();
  }

  @Test
  void writeSnapshot_ofARestoredEngine_isByteIdentical() throws IOException {
    Scenario s = new Scenario(new Engine(CFG));
    s.simFarmCalls(100, 4, 30, Scenario.T0);
    byte[] a = snapshot(s.engine());
    byte[] b = snapshot(Engine.readSnapshot(new ByteArrayInputStream(a), CFG));
    assertThat(b).isEqualTo(a);
  }

  @Test
  void readSnapshot_refusesSomethingElse() {
    assertThatThrownBy(
            () ->
                Engine.readSnapshot(
                    new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), CFG))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("snapshot");
  }
}
