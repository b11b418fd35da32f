package org.fanzha.engine.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Warning;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Tactic;
import org.fanzha.sim.World;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine split by stage and key (three key groups a stage) against the one-state engine on an
 * adversarial world: the same warnings, the same held risks, the same decisions. A step that read
 * or wrote state its key does not own would see an empty table in the split engine and find less.
 */
class KeyedEnginesTest {

  private static final List<String> oneDecisions = new ArrayList<>();
  private static final List<String> keyedDecisions = new ArrayList<>();
  private static final Set<String> oneWarnings = new TreeSet<>();
  private static final Set<String> keyedWarnings = new TreeSet<>();
  private static final Map<String, String> oneRisks = new HashMap<>();
  private static final Map<String, String> keyedRisks = new HashMap<>();

  @BeforeAll
  static void run() {
    World world =
        World.generate(SimConfig.builder(23, 2500, 4).tactics(Tactic.parse("all")).build());
    EngineConfig config = EngineConfig.defaults();
    Engine one = new Engine(config);
    KeyedEngines keyed = new KeyedEngines(config, 3);
    world.forEachEvent(
        e -> {
          oneDecisions.add(line(one.process(e)));
          keyedDecisions.add(line(keyed.process(e)));
          one.drainWarnings().forEach(w -> oneWarnings.add(line(w)));
          keyed.drainWarnings().forEach(w -> keyedWarnings.add(line(w)));
        });
    one.forEachRisk(r -> oneRisks.put(key(r), line(r)));
    keyed.risks().forEach(r -> keyedRisks.put(key(r), line(r)));
  }

  @Test
  void warnings_areTheOneStateEnginesWarnings() {
    assertThat(oneWarnings).hasSizeGreaterThan(20);
    assertThat(differences(List.copyOf(oneWarnings), List.copyOf(keyedWarnings))).isEmpty();
  }

  @Test
  void heldRisks_areTheOneStateEnginesRisks() {
    assertThat(oneRisks).hasSizeGreaterThan(100);
    List<String> one =
        oneRisks.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    List<String> two =
        keyedRisks.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    assertThat(differences(one, two)).isEmpty();
  }

  @Test
  void decisions_areTheOneStateEnginesDecisions() {
    assertThat(oneDecisions.stream().filter(d -> !d.contains("|0|")).count()).isGreaterThan(1000);
    assertThat(differences(oneDecisions, keyedDecisions)).isEmpty();
  }

  /**
   * Lines where the two runs differ, as "one → keyed", the first few and a count (a readable
   * failure).
   */
  private static List<String> differences(List<String> one, List<String> keyed) {
    Set<String> a = new TreeSet<>(one);
    Set<String> b = new TreeSet<>(keyed);
    List<String> out = new ArrayList<>();
    a.stream().filter(x -> !b.contains(x)).forEach(x -> out.add("only one-state: " + x));
    b.stream().filter(x -> !a.contains(x)).forEach(x -> out.add("only keyed:     " + x));
    return out.size() <= 12
        ? out
        : List.of(out.size() + " differences; first: " + out.subList(0, 12));
  }

  private static String key(EntityRisk r) {
    return r.entityKind().wireName() + ":" + r.entity();
  }

  private static String line(EntityRisk r) {
    return r.score()
        + "|"
        + new TreeSet<>(r.roles())
        + "|"
        + new TreeSet<>(r.reasons().stream().map(x -> x.code()).toList());
  }

  private static String line(Decision d) {
    return d.eventId()
        + "|"
        + d.entityKind().wireName()
        + ":"
        + d.entity()
        + "|"
        + d.score()
        + "|"
        + d.action()
        + "|"
        + d.reasons().stream().map(x -> x.code()).toList();
  }

  private static String line(Warning w) {
    return w.id()
        + "|"
        + w.victimPhone()
        + "|"
        + w.victimAccount()
        + "|"
        + w.severity()
        + "|"
        + w.fraudType()
        + "|"
        + w.contact()
        + "|"
        + w.evidence();
  }
}
