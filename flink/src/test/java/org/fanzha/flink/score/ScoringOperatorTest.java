package org.fanzha.flink.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.fanzha.core.codec.EventBinary;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.engine.Engine;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.subscriber.SubscriberScore;
import org.fanzha.flink.JobSettings;
import org.fanzha.flink.io.CheckedLine;
import org.fanzha.flink.io.Output;
import org.fanzha.flink.io.OutputKind;
import org.fanzha.flink.io.RawLine;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.World;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scoring operator across a checkpoint and a restore, driven directly by Flink's operator test
 * harness.
 */
class ScoringOperatorTest {
  private static final JobSettings SETTINGS =
      new JobSettings(null, false).withDedupeWindow(java.time.Duration.ofDays(7));
  private static final String PHONE = "13912345678";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** The output key: the number as the codec normalises it. */
  private static final String KEY = "phone:+8613912345678";

  @Test
  void anEntityWhoseRiskFallsAfterARestoreGetsItsTombstone() throws Exception {
    OperatorSubtaskState checkpoint;
    try (var before = harness()) {
      before.open();
      before.processElement(line(1, label("l-1", "2026-11-01T10:00:00+08:00", "fraud_number")), 0);
      before.prepareSnapshotPreBarrier(1);
      assertThat(entityRecords(before))
          .as("the labelled number's risk is sent")
          .anySatisfy(o -> assertThat(o.key).isEqualTo(KEY))
          .allMatch(o -> o.json != null);
      checkpoint = before.snapshot(1, 1);
    }
    try (var after = harness()) {
      after.initializeState(checkpoint);
      after.open();
      after.processElement(line(2, label("l-2", "2026-11-01T11:00:00+08:00", "normal")), 0);
      after.prepareSnapshotPreBarrier(2);
      assertThat(entityRecords(after))
          .as("cleared after the restore: a tombstone, and nothing sent again")
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.key).isEqualTo(KEY);
                assertThat(o.json).isNull();
              });
    }
  }

  @Test
  void aRuleFileAdoptedBeforeACheckpointStillScoresAfterTheRestore() throws Exception {
    List<String> events = new ArrayList<>();
    EventCodec codec = new EventCodec();
    World.generate(SimConfig.of(61, 600, 2)).forEachEvent(e -> events.add(codec.write(e)));
    String stricter =
        RuleBook.defaultText()
            .replace("version: 1", "version: 2")
            .replace("    min_calls: 20", "    min_calls: 6");
    int half = events.size() / 2;

    List<String> continuous = secondHalfDecisions(events, half, stricter, false);
    List<String> restored = secondHalfDecisions(events, half, stricter, true);
    List<String> shipped = secondHalfDecisions(events, half, null, false);
    assertThat(shipped).as("the rule file changes decisions").isNotEqualTo(continuous);
    assertThat(restored).isEqualTo(continuous);
  }

  @Test
  void anEventWithACorrelationIdIsAnsweredWithItsDecisionOrWhyItHasNone() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(line(1, label("l-1", "2026-11-01T10:00:00+08:00", "fraud_number")), 0);
      String call =
          "{\"type\":\"call\",\"id\":\"c-1\",\"ts\":\"2026-11-01T10:05:00+08:00\",\"caller\":\""
              + PHONE
              + "\",\"callee\":\"13800000001\",\"duration_s\":30}";
      h.processElement(new StreamRecord<>(asking(line(2, call), "r-1")));
      h.processElement(new StreamRecord<>(asking(line(3, call), "r-2")));
      h.processElement(
          new StreamRecord<>(asking(line(4, "{\"type\":\"call\",\"id\":\"c-2\"}"), "r-3")));
      h.processElement(line(5, call.replace("c-1", "c-3")), 0);
      List<Output> replies =
          h.extractOutputValues().stream().filter(o -> o.kind == OutputKind.REPLY).toList();
      assertThat(replies)
          .extracting(o -> o.key)
          .as("one answer per asking event, none for the others")
          .containsExactly("r-1", "r-2", "r-3");
      String decision =
          h.extractOutputValues().stream()
              .filter(o -> o.kind == OutputKind.DECISION)
              .filter(o -> o.text().contains("\"c-1\""))
              .findFirst()
              .orElseThrow()
              .text();
      assertThat(replies.get(0).text())
          .startsWith("{\"status\":\"decided\",\"decision\":")
          .as("the answer carries the decision the topic gets")
          .contains(decision);
      assertThat(replies.get(1).text()).isEqualTo("{\"status\":\"duplicate\"}");
      assertThat(replies.get(2).text()).startsWith("{\"status\":\"rejected\",\"field\":\"ts\"");
    }
  }

  @Test
  void aQuestionIsAnsweredWithTheNumbersSubscriberScoreAndChangesNothing() throws Exception {
    String call =
        "{\"type\":\"call\",\"id\":\"c-1\",\"ts\":\"2026-11-01T10:05:00+08:00\",\"caller\":\""
            + PHONE
            + "\",\"callee\":\"13800000001\",\"duration_s\":30}";
    Engine alone = new Engine(SETTINGS.engineConfig());
    EventCodec codec = new EventCodec();
    for (String e : List.of(label("l-1", "2026-11-01T10:00:00+08:00", "fraud_number"), call)) {
      byte[] b = e.getBytes(StandardCharsets.UTF_8);
      alone.process(((ParseResult.Accepted) codec.parse(b, 0, b.length, 1)).event());
    }
    SubscriberScore expected = alone.subscriber("+86" + PHONE).orElseThrow();
    try (var h = harness()) {
      h.open();
      h.processElement(line(1, label("l-1", "2026-11-01T10:00:00+08:00", "fraud_number")), 0);
      h.processElement(line(2, call), 0);
      int before = h.extractOutputValues().size();
      h.processElement(
          new StreamRecord<>(question(1, "{\"subscriber\":\"139-1234-5678\"}", "q-1")));
      h.processElement(new StreamRecord<>(question(2, "{\"subscriber\":\"13700000009\"}", "q-2")));
      h.processElement(new StreamRecord<>(question(3, "{\"subscriber\":\"12\"}", "q-3")));
      h.processElement(new StreamRecord<>(question(4, "[1,2", "q-4")));
      List<Output> after = h.extractOutputValues().subList(before, h.extractOutputValues().size());
      assertThat(after).as("answers only").allMatch(o -> o.kind == OutputKind.REPLY);
      assertThat(after).extracting(o -> o.key).containsExactly("q-1", "q-2", "q-3", "q-4");
      JsonNode scored = JSON.readTree(after.get(0).text());
      assertThat(scored.path("status").asString()).isEqualTo("scored");
      assertThat(scored.path("subscriber").path("phone").asString()).isEqualTo("+86" + PHONE);
      assertThat(scored.path("subscriber").path("score").asInt()).isEqualTo(expected.score());
      assertThat(scored.path("subscriber").path("band").asString())
          .isEqualTo(expected.band().name());
      assertThat(scored.path("subscriber").path("reasons"))
          .extracting(r -> r.path("code").asString())
          .as("the labelled number's lines, as an engine alone scores it")
          .containsExactlyElementsOf(expected.lines().stream().map(l -> l.reason().code()).toList())
          .isNotEmpty();
      assertThat(JSON.readTree(after.get(1).text()).path("status").asString())
          .as("a number the engine never met")
          .isEqualTo("unknown");
      for (Output refused : after.subList(2, 4)) {
        JsonNode n = JSON.readTree(refused.text());
        assertThat(n.path("status").asString()).isEqualTo("rejected");
        assertThat(n.path("reason").asString()).isNotBlank();
      }
      assertThat(JSON.readTree(after.get(2).text()).path("field").asString())
          .isEqualTo("subscriber");
    }
  }

  private static CheckedLine question(long offset, String json, String correlationId) {
    return checked(RawLine.query(0, offset, json.getBytes(StandardCharsets.UTF_8), correlationId));
  }

  private static CheckedLine asking(CheckedLine line, String correlationId) {
    line.replyTo = correlationId;
    return line;
  }

  /**
   * Decisions of the second half of the events, with the rule file adopted first, through a restore
   * or not.
   */
  private static List<String> secondHalfDecisions(
      List<String> events, int half, String ruleFile, boolean restore) throws Exception {
    var first = harness();
    first.open();
    long line = 0;
    if (ruleFile != null) {
      first.processElement(
          new StreamRecord<>(
              checked(RawLine.ruleFile(0, ++line, ruleFile.getBytes(StandardCharsets.UTF_8)))));
    }
    for (String e : events.subList(0, half)) {
      first.processElement(line(++line, e), 0);
    }
    var second = first;
    if (restore) {
      OperatorSubtaskState checkpoint = first.snapshot(1, 1);
      first.close();
      second = harness();
      second.initializeState(checkpoint);
      second.open();
    }
    second.getOutput().clear();
    for (String e : events.subList(half, events.size())) {
      second.processElement(line(++line, e), 0);
    }
    List<String> decisions = new ArrayList<>();
    for (Output o : second.extractOutputValues()) {
      if (o.kind == OutputKind.DECISION) {
        decisions.add(o.text());
      }
    }
    second.close();
    return decisions;
  }

  private static OneInputStreamOperatorTestHarness<CheckedLine, Output> harness() throws Exception {
    return new OneInputStreamOperatorTestHarness<>(new ScoringOperator(SETTINGS));
  }

  private static List<Output> entityRecords(
      OneInputStreamOperatorTestHarness<CheckedLine, Output> h) {
    return h.extractOutputValues().stream().filter(o -> o.kind == OutputKind.ENTITY).toList();
  }

  /** A line as the scorer gets it: checked by the job's validation step. */
  private static CheckedLine line(long n, String json) {
    return checked(new RawLine(0, n, json.getBytes(StandardCharsets.UTF_8)));
  }

  private static CheckedLine checked(RawLine raw) {
    return Validation.check(
        raw, Validation.codec(SETTINGS), new EventBinary(), SETTINGS.contentClassifier());
  }

  private static String label(String id, String ts, String role) {
    return "{\"type\":\"label\",\"id\":\""
        + id
        + "\",\"ts\":\""
        + ts
        + "\",\"entity_kind\":\"phone\",\"entity\":\""
        + PHONE
        + "\",\"role\":\""
        + role
        + "\"}";
  }
}
