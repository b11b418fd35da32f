package org.fanzha.engine.keyed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.engine.Scenario.HOUR;
import static org.fanzha.engine.Scenario.T0;
import static org.fanzha.engine.Scenario.phone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.TargetKind;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Scenario;
import org.fanzha.engine.Warning;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Tactic;
import org.fanzha.sim.World;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine split by stage and key against the one-state engine on adversarial worlds: the same
 * warnings, the same held risks, the same decisions. Two cuts: three key groups a stage, and one
 * engine per stage and key (decision 0038). A step that read or wrote state its key does not own
 * would see an empty table in the split engine and find less; with one engine per key, that is any
 * other key's state, so a runner can keep state per entity.
 */
class KeyedEnginesTest {

  /** One world scored by the one-state engine and by a split one, side by side. */
  private static final class Comparison {
    final List<String> oneDecisions = new ArrayList<>();
    final List<String> keyedDecisions = new ArrayList<>();
    final Set<String> oneWarnings = new TreeSet<>();
    final Set<String> keyedWarnings = new TreeSet<>();
    final Map<String, String> oneRisks = new HashMap<>();
    final Map<String, String> keyedRisks = new HashMap<>();

    Comparison(World world, KeyedEngines keyed) {
      Engine one = new Engine(EngineConfig.defaults());
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
  }

  private static Comparison byGroup;
  private static Comparison byKey;
  private static int keyEngines;

  @BeforeAll
  static void run() {
    byGroup =
        new Comparison(
            World.generate(SimConfig.builder(23, 2500, 4).tactics(Tactic.parse("all")).build()),
            new KeyedEngines(EngineConfig.defaults(), 3));
    // an engine per key and stage is a few kilobytes: a smaller world keeps the test in its heap
    KeyedEngines perKey = KeyedEngines.perKey(EngineConfig.defaults());
    byKey =
        new Comparison(
            World.generate(SimConfig.builder(29, 200, 3).tactics(Tactic.parse("all")).build()),
            perKey);
    keyEngines = perKey.engines();
  }

  static Stream<Arguments> cuts() {
    return Stream.of(
        Arguments.of("three key groups", byGroup), Arguments.of("an engine per key", byKey));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cuts")
  void warnings_areTheOneStateEnginesWarnings(String cut, Comparison c) {
    assertThat(c.oneWarnings).hasSizeGreaterThan(20);
    assertThat(differences(List.copyOf(c.oneWarnings), List.copyOf(c.keyedWarnings))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cuts")
  void heldRisks_areTheOneStateEnginesRisks(String cut, Comparison c) {
    assertThat(c.oneRisks).hasSizeGreaterThan(100);
    List<String> one =
        c.oneRisks.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    List<String> two =
        c.keyedRisks.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .sorted()
            .toList();
    assertThat(differences(one, two)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cuts")
  void decisions_areTheOneStateEnginesDecisions(String cut, Comparison c) {
    assertThat(c.oneDecisions.stream().filter(d -> !d.contains("|0|")).count()).isGreaterThan(1000);
    assertThat(differences(c.oneDecisions, c.keyedDecisions)).isEmpty();
  }

  @Test
  void perKey_makesAnEngineForEachStageAndKeyItMeets() {
    // every stage's keys: thousands of numbers, people, accounts, handsets; far more than 4 stages
    assertThat(keyEngines).isGreaterThan(5_000);
  }

  @Test
  void perKey_aPersonMetAfterASiteWasReported_isWarnedOfIt() {
    // the report reaches every person's key; the visitor's key is made after it and catches up
    Scenario s = new Scenario();
    s.report(
        T0, phone(700), TargetKind.URL, "http://licai-vip.example/app", FraudType.INVESTMENT, 0);
    s.device(T0 + HOUR, phone(701), DeviceSignal.URL_VISIT, "http://licai-vip.example/app");
    s.device(T0 + HOUR, phone(702), DeviceSignal.URL_VISIT, "http://news.example/");
    KeyedEngines perKey = KeyedEngines.perKey(EngineConfig.defaults());
    List<Warning> warnings = new ArrayList<>();
    for (Event e : s.events()) {
      perKey.process(e);
      warnings.addAll(perKey.drainWarnings());
    }
    assertThat(warnings).extracting(Warning::victimPhone).containsExactly(phone(701));
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
