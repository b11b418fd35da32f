package org.fanzha.flink.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.fanzha.core.codec.EventBinary;
import org.fanzha.core.event.Event;
import org.fanzha.engine.Decision;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.keyed.KeyedEngines;
import org.fanzha.engine.scoring.Stage;
import org.fanzha.flink.JobSettings;
import org.fanzha.flink.io.Output;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Tactic;
import org.fanzha.sim.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The keyed job's operators (assemblers by event id, one stage operator per stage), each in Flink's
 * keyed harness, wired by hand in the order the job's edges carry their records: on a simulated
 * world they decide, warn and hold what {@link KeyedEngines} does. What the job adds on top is the
 * network between them.
 */
class KeyedOperatorsTest {

  private static final int MAX_PARALLELISM = 4;
  private final EventBinary binary = new EventBinary();
  private final List<KeyedOneInputStreamOperatorTestHarness<String, Hop, ?>> all =
      new ArrayList<>();
  private final StageOperator[] stages = new StageOperator[Stage.values().length];
  private final List<KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop>> stageHarness =
      new ArrayList<>();
  private final List<KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop>> assemblers =
      new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (var h : all) {
      h.close();
    }
  }

  private <O> KeyedOneInputStreamOperatorTestHarness<String, Hop, O> open(
      org.apache.flink.streaming.api.operators.OneInputStreamOperator<Hop, O> op) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            op, (Hop hop) -> hop.key, Types.STRING, MAX_PARALLELISM, 1, 0);
    all.add(h);
    return h;
  }

  private void build() throws Exception {
    for (Stage s : Stage.values()) {
      assemblers.add(open(new KeyedProcessOperator<>(new Assembler(s, MAX_PARALLELISM))));
      stages[s.ordinal()] = new StageOperator(s, new JobSettings(null, false));
      stageHarness.add(open(stages[s.ordinal()]));
    }
    assemblers.add(open(new KeyedProcessOperator<>(new Assembler(null, MAX_PARALLELISM))));
    for (var h : all) {
      h.open();
    }
  }

  /**
   * Carries one event through the assemblers and stages, then its requests; returns its decision.
   */
  private Decision process(Event e) throws Exception {
    Hop carrier = Hop.of(Hop.CARRIER, e.id(), e.id());
    carrier.event = binary.encode(e);
    ArrayDeque<Hop> requests = new ArrayDeque<>();
    List<Hop> toAssembler = List.of(carrier);
    for (int s = 0; s <= Stage.values().length; s++) {
      var asm = assemblers.get(s);
      for (Hop h : toAssembler) {
        asm.processElement(h, e.ts());
      }
      List<Hop> next = new ArrayList<>();
      for (Hop h : StageOperatorTest.hops(asm)) {
        if (h.kind == Hop.DECISION) {
          deliver(requests);
          return HopCodec.decision(h.payload);
        } else if (h.kind == Hop.CARRIER) {
          next.add(h);
        } else {
          stageHarness.get(s).processElement(h, e.ts());
        }
      }
      if (s < Stage.values().length) {
        for (Hop h : StageOperatorTest.hops(stageHarness.get(s))) {
          (h.kind == Hop.DONE ? next : requests).add(h);
        }
      }
      toAssembler = next;
    }
    throw new AssertionError("no decision for " + e.id());
  }

  private void deliver(ArrayDeque<Hop> requests) throws Exception {
    while (!requests.isEmpty()) {
      Hop r = requests.poll();
      var h = stageHarness.get(r.stage);
      h.processElement(r, 0);
      requests.addAll(StageOperatorTest.hops(h));
    }
  }

  private Set<String> warnings() {
    Set<String> out = new TreeSet<>();
    for (var h : stageHarness) {
      var q = h.getSideOutput(StageOperator.OUTPUTS);
      if (q != null) {
        for (StreamRecord<Output> r : q) {
          out.add(r.getValue().text());
        }
        q.clear();
      }
    }
    return out;
  }

  @Test
  void theOperatorsWiredInOrder_decideWarnAndHoldWhatTheKeyedEnginesDo() throws Exception {
    build();
    KeyedEngines reference = new KeyedEngines(EngineConfig.defaults(), 2);
    World world =
        World.generate(SimConfig.builder(29, 600, 2).tactics(Tactic.parse("all")).build());
    List<String> mine = new ArrayList<>();
    List<String> theirs = new ArrayList<>();
    Set<String> myWarnings = new TreeSet<>();
    Set<String> theirWarnings = new TreeSet<>();
    Exception[] failure = new Exception[1];
    world.forEachEvent(
        e -> {
          try {
            mine.add(line(process(e)));
            myWarnings.addAll(warnings());
          } catch (Exception x) {
            failure[0] = x;
          }
          theirs.add(line(reference.process(e)));
          reference.drainWarnings().forEach(w -> theirWarnings.add(w.id()));
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    assertThat(theirs.stream().filter(d -> !d.contains("|0|")).count()).isGreaterThan(100);
    assertThat(theirWarnings).as("warnings to compare").hasSizeGreaterThan(3);
    assertThat(mine).containsExactlyElementsOf(theirs);
    assertThat(myWarnings.stream().map(KeyedOperatorsTest::warningId).toList())
        .containsExactlyInAnyOrderElementsOf(theirWarnings);
    Map<String, EntityRisk> held = new LinkedHashMap<>();
    for (StageOperator s : stages) {
      s.forEachRisk(
          r -> held.merge(r.entityKind().wireName() + ":" + r.entity(), r, KeyedEngines::higher));
    }
    assertThat(held).as("risks to compare").hasSizeGreaterThan(100);
    assertThat(held.values().stream().map(KeyedOperatorsTest::line).sorted().toList())
        .containsExactlyElementsOf(
            reference.risks().stream().map(KeyedOperatorsTest::line).sorted().toList());
  }

  private static String warningId(String json) {
    int i = json.indexOf("\"id\":\"") + 6;
    return json.substring(i, json.indexOf('"', i));
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
        + d.level()
        + "|"
        + d.action()
        + "|"
        + d.reasons(); // codes and both texts
  }

  private static String line(EntityRisk r) {
    return r.entityKind().wireName()
        + ":"
        + r.entity()
        + "|"
        + r.score()
        + "|"
        + new TreeSet<>(r.roles());
  }
}
