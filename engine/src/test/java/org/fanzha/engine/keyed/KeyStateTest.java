package org.fanzha.engine.keyed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fanzha.engine.Scenario.DAY;
import static org.fanzha.engine.Scenario.T0;
import static org.fanzha.engine.Scenario.phone;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.Scenario;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleFileException;
import org.fanzha.engine.scoring.Facts;
import org.fanzha.engine.scoring.Part;
import org.fanzha.engine.scoring.Stage;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Tactic;
import org.fanzha.sim.World;
import org.junit.jupiter.api.Test;

/**
 * A key's state kept apart from its share (decision 0038): a NODE share that hands every key back
 * after each visit and takes it again before the next finds what a share that keeps them finds,
 * idle forgetting included.
 */
class KeyStateTest {

  @Test
  void aShareThatKeepsNothingBetweenVisits_decidesAndHoldsWhatOneThatKeepsAllDoes()
      throws IOException {
    World world =
        World.generate(SimConfig.builder(31, 600, 4).tactics(Tactic.parse("all")).build());
    // a day of idleness, so the sweeps forget much: the share that keeps nothing must forget alike
    EngineConfig config = EngineConfig.defaults().with("state.idle_days", 1);
    Engine keeps = new Engine(config);
    Engine handsBack = new Engine(config);
    keeps.keyedShare(r -> {});
    handsBack.keyedShare(r -> {});
    Map<String, byte[]> keptApart = new TreeMap<>();
    List<String> keepsDecisions = new ArrayList<>();
    List<String> handsBackDecisions = new ArrayList<>();
    int[] visits = {0};
    for (Event e : events(world)) {
      for (Part.Visit v : Part.of(e)) {
        if (v.part().stage() != Stage.NODE) {
          continue;
        }
        String key = v.part().key(e, v.index(), new Facts());
        keepsDecisions.add(line(keeps.visit(v.part(), v.index(), e, new Facts())));
        byte[] kept = keptApart.remove(key);
        if (kept != null) {
          handsBack.restoreKey(key, kept);
        }
        handsBackDecisions.add(line(handsBack.visit(v.part(), v.index(), e, new Facts())));
        byte[] now = handsBack.exportKey(key);
        if (now != null) {
          keptApart.put(key, now);
          handsBack.forgetKey(key);
        }
        visits[0]++;
      }
    }
    assertThat(visits[0]).isGreaterThan(10_000);
    assertThat(keepsDecisions.stream().filter(d -> !d.endsWith("|0")).count()).isGreaterThan(100);
    assertThat(handsBackDecisions).isEqualTo(keepsDecisions);
    assertThat(keeps.stats().forgottenIdle()).as("the sweeps forgot").isGreaterThan(100);

    // what each still holds: the share's own entities, and what the other kept apart once restored
    Engine restored = new Engine(config);
    restored.keyedShare(r -> {});
    for (var k : keptApart.entrySet()) {
      restored.restoreKey(k.getKey(), k.getValue());
    }
    assertThat(risks(restored)).hasSizeGreaterThan(10).isEqualTo(risks(keeps));
  }

  @Test
  void aReasonTravelsAsItsCode_toAnEngineThatGaveTheCodeAnotherBit()
      throws IOException, RuleFileException {
    World world =
        World.generate(SimConfig.builder(31, 600, 2).tactics(Tactic.parse("all")).build());
    Engine from = new Engine(EngineConfig.defaults());
    events(world).forEach(from::process);
    String held =
        risks(from).keySet().stream()
            .filter(k -> k.startsWith("device:"))
            .findFirst()
            .orElseThrow();
    // an engine that first used a book with one more node rule ahead of the shipped ones gave
    // every shipped node code the next bit up
    Engine to = new Engine(EngineConfig.defaults().withRules(withANodeRuleFirst()));
    to.useRules(RuleBook.defaults());
    to.restoreKey(held, from.exportKey(held));
    assertThat(risks(to).get(held)).isEqualTo(risks(from).get(held));
  }

  @Test
  void aKeyKeptApartWhileItsShareSwept_isForgottenOnItsReturnIfTheSweepWouldHaveForgottenIt()
      throws IOException {
    Engine e = new Engine(EngineConfig.defaults().with("state.idle_days", 1));
    Scenario s = new Scenario(e);
    s.call(T0, phone(1), phone(2), 30, "idle-handset", null);
    byte[] idle = e.exportKey("device:idle-handset");
    e.forgetKey("device:idle-handset");
    // three days on, the day's first event sweeps: the handset, had it been held, would have gone
    s.call(T0 + 3 * DAY, phone(3), phone(4), 30, "busy-handset", null);
    byte[] busy = e.exportKey("device:busy-handset");
    e.forgetKey("device:busy-handset");
    long forgotten = e.stats().forgottenIdle();
    e.restoreKey("device:idle-handset", idle);
    e.restoreKey("device:busy-handset", busy);
    assertThat(e.exportKey("device:idle-handset")).isNull();
    assertThat(e.exportKey("device:busy-handset")).isEqualTo(busy);
    assertThat(e.stats().forgottenIdle()).isEqualTo(forgotten + 1);
  }

  @Test
  void bytesOfAnotherLayout_areRefusedWithTheKey() {
    Engine e = new Engine(EngineConfig.defaults());
    assertThatThrownBy(() -> e.restoreKey("device:d1", new byte[] {1, 0, 3, 0, 0, 0, 0}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("device:d1");
    assertThatThrownBy(() -> e.exportKey("phone:+8613800000000"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Event> events(World world) {
    List<Event> out = new ArrayList<>();
    world.forEachEvent(out::add);
    return out;
  }

  private static RuleBook withANodeRuleFirst() throws RuleFileException {
    String shipped = RuleBook.defaultText();
    int rules = shipped.indexOf("\nrules:\n") + "\nrules:\n".length();
    return RuleBook.parse(
        shipped.substring(0, rules)
            + """
              - code: DV_NEVER
                applies_to: device
                weight: 10
                when: "features.holders >= 1000000"
                reason: {zh: "从不触发", en: "Never fires"}
            """
            + shipped.substring(rules));
  }

  private static Map<String, String> risks(Engine e) {
    Map<String, String> out = new TreeMap<>();
    e.forEachRisk(
        r -> {
          if (r.entityKind() == EntityKind.DEVICE || r.entityKind() == EntityKind.IP) {
            out.put(
                r.entityKind().wireName() + ":" + r.entity(),
                r.score()
                    + "|"
                    + r.roles()
                    + "|"
                    + r.reasons().stream().map(x -> x.code()).toList());
          }
        });
    return out;
  }

  private static String line(Decision d) {
    return d.entityKind().wireName() + ":" + d.entity() + "|" + d.action() + "|" + d.score();
  }
}
