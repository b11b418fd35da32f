package org.fanzha.engine.keyed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fanzha.engine.Scenario.DAY;
import static org.fanzha.engine.Scenario.T0;
import static org.fanzha.engine.Scenario.phone;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
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
          handsBack.forgetKeyIfIdle(key);
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
    assertThat(e.forgetKeyIfIdle("device:idle-handset")).isTrue();
    assertThat(e.forgetKeyIfIdle("device:busy-handset")).isFalse();
    assertThat(e.exportKey("device:idle-handset")).isNull();
    assertThat(e.exportKey("device:busy-handset")).isEqualTo(busy);
    assertThat(e.stats().forgottenIdle()).isEqualTo(forgotten + 1);
  }

  @Test
  void aHandsetListedBeforeAnyEventNamesIt_keepsItsListingApartAndBack() throws IOException {
    EngineConfig config = EngineConfig.defaults();
    Engine e = new Engine(config);
    new Scenario(e).listing(T0, ListName.BLACK, false, ListKind.DEVICE, "imei-listed");
    assertThat(e.holdsKey("device:imei-listed")).isTrue();
    byte[] kept = e.exportKey("device:imei-listed");
    assertThat(kept).isNotNull();
    e.forgetKey("device:imei-listed");
    assertThat(e.holdsKey("device:imei-listed")).isFalse();
    Engine other = new Engine(config);
    other.restoreKey("device:imei-listed", kept);
    Scenario later = new Scenario(other);
    for (int i = 0; i < 3; i++) { // a handset is scored once it carries a few numbers
      later.call(T0 + 60_000 + i, phone(1 + i), phone(9), 30, "imei-listed", null);
    }
    assertThat(other.entity(EntityKind.DEVICE, "imei-listed").orElseThrow().reasons())
        .extracting(r -> r.code())
        .contains("DV_LISTED");
  }

  @Test
  void aSliceWrittenBeforeItsKindGainedWords_isWidenedWithTheRiskAtTheEnd() throws IOException {
    Engine e = new Engine(EngineConfig.defaults());
    Scenario s = new Scenario(e);
    for (int i = 0; i < 3; i++) {
      s.call(T0 + i, phone(1 + i), phone(9), 30, "imei-a", null);
    }
    byte[] now = e.exportKey("device:imei-a");
    String held = e.entity(EntityKind.DEVICE, "imei-a").orElseThrow().toString();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(now));
    in.readByte();
    int words = in.readShort();
    int[] slice = new int[words];
    for (int i = 0; i < words; i++) {
      slice[i] = in.readInt();
    }
    byte[] rest = in.readAllBytes();
    // as a build with one feature word fewer wrote it: the last feature word (0 here) left out,
    // the trailer (score and roles, two mask words, the stamp) kept at the end
    int dropped = words - 4 - 1;
    assertThat(slice[dropped]).as("the word left out is 0").isZero();
    ByteArrayOutputStream older = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(older);
    out.writeByte(1);
    out.writeShort(words - 1);
    for (int i = 0; i < words; i++) {
      if (i != dropped) {
        out.writeInt(slice[i]);
      }
    }
    out.write(rest);
    e.forgetKey("device:imei-a");
    e.restoreKey("device:imei-a", older.toByteArray());
    assertThat(e.entity(EntityKind.DEVICE, "imei-a").orElseThrow().toString()).isEqualTo(held);
    assertThat(e.exportKey("device:imei-a")).isEqualTo(now);
  }

  @Test
  void bytesOfAnotherLayout_areRefusedWithTheKey() {
    Engine e = new Engine(EngineConfig.defaults());
    // a slice of three words cannot hold a risk and a stamp; bytes that end early
    byte[] narrow = {1, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0};
    assertThatThrownBy(() -> e.restoreKey("device:d1", narrow))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("device:d1");
    assertThat(e.holdsKey("device:d1")).as("nothing half put back").isFalse();
    assertThatThrownBy(() -> e.restoreKey("device:d2", new byte[] {1, 0, 3, 0, 0}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("device:d2");
    // a whole slice, then the bytes end: the slice put back is taken out again
    new Scenario(e).call(T0, phone(1), phone(2), 30, "imei-cut", null);
    byte[] whole = e.exportKey("device:imei-cut");
    e.forgetKey("device:imei-cut");
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 2);
    assertThatThrownBy(() -> e.restoreKey("device:imei-cut", cut))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("device:imei-cut");
    assertThat(e.holdsKey("device:imei-cut")).isFalse();
    byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 1);
    assertThatThrownBy(() -> e.restoreKey("device:imei-cut", longer))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("device:imei-cut");
    assertThat(e.holdsKey("device:imei-cut")).isFalse();
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
