package org.fanzha.engine.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Level;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Tactic;
import org.fanzha.sim.World;
import org.junit.jupiter.api.Test;

/**
 * Idle entities forgotten in a split engine (decision 0027), with a window of one day so that much
 * is forgotten: each share forgets on its own clock, so low scores drift, but what the centre acts
 * on stays the one-state engine's: the warnings, and the entities held high with their roles.
 */
class KeyedEnginesIdleTest {

  @Test
  void
      withADayOfIdleness_theSplitEngineForgetsToo_andRaisesTheSameWarningsAndHoldsTheSameHighEntities() {
    World world =
        World.generate(SimConfig.builder(23, 2500, 4).tactics(Tactic.parse("all")).build());
    EngineConfig config = EngineConfig.defaults().with("state.idle_days", 1);
    Engine one = new Engine(config);
    KeyedEngines keyed = new KeyedEngines(config, 3);
    Set<String> oneWarnings = new TreeSet<>();
    Set<String> keyedWarnings = new TreeSet<>();
    world.forEachEvent(
        e -> {
          one.process(e);
          keyed.process(e);
          one.drainWarnings()
              .forEach(w -> oneWarnings.add(w.id() + "|" + w.victimPhone() + "|" + w.fraudType()));
          keyed
              .drainWarnings()
              .forEach(
                  w -> keyedWarnings.add(w.id() + "|" + w.victimPhone() + "|" + w.fraudType()));
        });
    assertThat(one.stats().forgottenIdle()).as("the one-state engine forgot").isGreaterThan(1000);
    assertThat(keyed.forgottenIdle()).as("and so did the shares").isGreaterThan(1000);
    assertThat(oneWarnings).hasSizeGreaterThan(20).isEqualTo(keyedWarnings);
    Map<String, Set<String>> oneHigh = new TreeMap<>();
    one.forEachRisk(r -> high(r, oneHigh));
    Map<String, Set<String>> keyedHigh = new TreeMap<>();
    keyed.risks().forEach(r -> high(r, keyedHigh));
    assertThat(oneHigh).hasSizeGreaterThan(50).isEqualTo(keyedHigh);
  }

  private static void high(EntityRisk r, Map<String, Set<String>> into) {
    if (r.level().compareTo(Level.HIGH) >= 0) {
      into.put(
          r.entityKind().wireName() + ":" + r.entity(),
          new TreeSet<>(r.roles().stream().map(Enum::name).toList()));
    }
  }
}
