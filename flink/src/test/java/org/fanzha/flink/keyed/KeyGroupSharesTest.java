package org.fanzha.flink.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.scoring.Facts;
import org.fanzha.engine.scoring.Part;
import org.junit.jupiter.api.Test;

/**
 * Engines kept per key group survive a checkpoint and a change of parallelism: after a restore at 2
 * each task holds exactly the callers of its key groups, with the risk they had, and goes on
 * scoring them from there.
 */
class KeyGroupSharesTest {

  private static final int MAX_PARALLELISM = 16;
  private static final long T0 = 1_795_741_200_000L;

  /**
   * Runs the caller's part of each call (the caller's number, as "caller|callee|seconds|minute") on
   * its key group.
   */
  static final class CallerProbe extends AbstractStreamOperator<String>
      implements OneInputStreamOperator<String, String> {
    private transient KeyGroupShares shares;
    private transient Facts facts;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
      super.initializeState(context);
      shares =
          new KeyGroupShares(MAX_PARALLELISM, () -> share(new Engine(EngineConfig.defaults())));
      facts = new Facts();
      shares.restore(this, context, in -> share(Engine.readSnapshot(in, EngineConfig.defaults())));
    }

    private static Engine share(Engine e) {
      e.keyedShare(org.fanzha.engine.scoring.Stage.ACTOR, r -> {});
      return e;
    }

    @Override
    public void processElement(StreamRecord<String> element) {
      String[] f = element.getValue().split("\\|");
      CallEvent call =
          new CallEvent(
              "c" + element.getValue().hashCode(),
              T0 + Long.parseLong(f[3]) * 60_000,
              "cmcc",
              f[0],
              f[1],
              Integer.parseInt(f[2]),
              "410400",
              "410400",
              null,
              null,
              null);
      facts.clear();
      int score = shares.of(getCurrentKey()).visit(Part.CALLER, 0, call, facts).score();
      output.collect(new StreamRecord<>(f[0] + "=" + score));
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
      super.snapshotState(context);
      shares.save(this);
    }

    int held(String phone) {
      return shares.of(phone).entity(EntityKind.PHONE, phone).map(EntityRisk::score).orElse(0);
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(
      CallerProbe probe, int parallelism, int subtask) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        probe, line -> line.split("\\|")[0], Types.STRING, MAX_PARALLELISM, parallelism, subtask);
  }

  @Test
  void aSavepointAtOneResumedAtTwo_eachTaskHoldsItsKeyGroupsCallersWithTheirRisk()
      throws Exception {
    List<String> callers = new ArrayList<>();
    for (int c = 0; c < 12; c++) {
      callers.add("+861390000" + String.format("%04d", c));
    }
    CallerProbe one = new CallerProbe();
    Map<String, Integer> before = new HashMap<>();
    OperatorSubtaskState saved;
    try (var h = harness(one, 1, 0)) {
      h.open();
      for (int k = 0; k < 60; k++) { // each caller rings strangers, few answer: scored above zero
        for (String c : callers) {
          h.processElement(
              c
                  + "|+86150"
                  + String.format("%08d", k * 100 + callers.indexOf(c))
                  + "|"
                  + (k % 6 == 0 ? 20 : 0)
                  + "|"
                  + k,
              k);
        }
      }
      callers.forEach(c -> before.put(c, one.held(c)));
      saved = h.snapshot(1, 1);
    }
    assertThat(before.values()).allMatch(s -> s > 0);

    CallerProbe[] two = {new CallerProbe(), new CallerProbe()};
    for (int i = 0; i < 2; i++) {
      try (var h = harness(two[i], 2, i)) {
        h.initializeState(
            AbstractStreamOperatorTestHarness.repartitionOperatorState(
                saved, MAX_PARALLELISM, 1, 2, i));
        h.open();
        for (String c : callers) {
          int owner =
              KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(
                  MAX_PARALLELISM, 2, KeyGroupRangeAssignment.assignToKeyGroup(c, MAX_PARALLELISM));
          if (owner == i) {
            assertThat(two[i].held(c))
                .as("restored with its key group: %s", c)
                .isEqualTo(before.get(c));
            h.processElement(c + "|+8615200000001|0|61", 61);
            assertThat(two[i].held(c))
                .as("scored on from its restored features")
                .isGreaterThanOrEqualTo(before.get(c));
          } else {
            assertThat(two[i].held(c)).as("not this task's key group: %s", c).isZero();
          }
        }
      }
    }
  }
}
