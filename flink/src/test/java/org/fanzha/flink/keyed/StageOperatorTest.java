package org.fanzha.flink.keyed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.core.time.Millis.HOUR;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.fanzha.core.codec.EventBinary;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.TargetKind;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.scoring.Part;
import org.fanzha.engine.scoring.Request;
import org.fanzha.engine.scoring.Stage;
import org.fanzha.flink.JobSettings;
import org.junit.jupiter.api.Test;

/**
 * A stage of the keyed engine as a Flink operator: a part runs on its key's engine and says what it
 * found; a request it makes for another stage comes out addressed to that stage and key, and the
 * stage it names carries it out.
 */
class StageOperatorTest {

  private static final int MAX_PARALLELISM = 8;
  private static final long T0 = 1_795_741_200_000L;
  private static final EventBinary BINARY = new EventBinary();

  private static KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop> harness(
      OneInputStreamOperator<Hop, Hop> op) throws Exception {
    var h = unopened(op);
    h.open();
    return h;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop> unopened(
      OneInputStreamOperator<Hop, Hop> op) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        op, (Hop hop) -> hop.key, Types.STRING, MAX_PARALLELISM, 1, 0);
  }

  private static Hop part(Part part, String key, Event e) {
    Hop h = Hop.of(Hop.PART, key, e.id());
    h.stage = part.stage().ordinal();
    h.part = part.ordinal();
    h.event = BINARY.encode(e);
    return h;
  }

  /** The hops a harness sent since the last call (its output cleared). */
  static List<Hop> hops(KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop> h) {
    List<Hop> out = new ArrayList<>();
    for (Object o : h.getOutput()) {
      if (o instanceof StreamRecord<?> r && r.getValue() instanceof Hop hop) {
        out.add(hop);
      }
    }
    h.getOutput().clear();
    return out;
  }

  @Test
  void aQuestionAboutANumber_isAnsweredByTheEngineThatKeepsItsFeatures() throws Exception {
    String number = "+8613900000001";
    OpeningEvent opened =
        new OpeningEvent(
            "o1",
            T0,
            null,
            OpeningKind.SIM,
            number,
            "410402199001011234",
            null,
            "410400",
            null,
            null,
            "营业厅");
    LabelEvent label =
        new LabelEvent("l1", T0 + 60_000, null, EntityKind.PHONE, number, Role.FRAUD_NUMBER, null);
    org.fanzha.engine.Engine alone =
        new org.fanzha.engine.Engine(JobSettings.shipped().engineConfig());
    alone.process(opened);
    alone.process(label);
    var expected = alone.subscriber(number).orElseThrow();
    // one number held a task (decision 0041): the question reads it back from the state
    try (var actor = harness(new StageOperator(Stage.ACTOR, JobSettings.shipped(), null, 1))) {
      actor.processElement(part(Part.OPENED_CARD, "phone:" + number, opened), 1);
      actor.processElement(part(Part.LABEL_ACTOR, "phone:" + number, label), 2);
      String other = "+8613900000002";
      LabelEvent otherLabel =
          new LabelEvent("l2", T0 + 120_000, null, EntityKind.PHONE, other, Role.VICTIM, null);
      actor.processElement(part(Part.LABEL_ACTOR, "phone:" + other, otherLabel), 2);
      hops(actor);
      var sideBefore = actor.getSideOutput(StageOperator.OUTPUTS);
      int before = sideBefore == null ? 0 : sideBefore.size();
      Hop ask = Hop.of(Hop.QUERY, "phone:" + number, number);
      ask.stage = Stage.ACTOR.ordinal();
      ask.replyTo = "q-1";
      actor.processElement(ask, 3);
      Hop unknown = Hop.of(Hop.QUERY, "phone:+8613700000009", "+8613700000009");
      unknown.stage = Stage.ACTOR.ordinal();
      unknown.replyTo = "q-2";
      actor.processElement(unknown, 4);
      assertThat(hops(actor)).as("a question sends nothing on to other stages").isEmpty();
      List<org.fanzha.flink.io.Output> answers =
          actor.getSideOutput(StageOperator.OUTPUTS).stream()
              .skip(before)
              .map(r -> r.getValue())
              .toList();
      assertThat(answers).extracting(o -> o.key).containsExactly("q-1", "q-2");
      var json = tools.jackson.databind.json.JsonMapper.builder().build();
      var scored = json.readTree(answers.get(0).text());
      assertThat(scored.path("status").asString()).isEqualTo("scored");
      assertThat(scored.path("subscriber").path("band").asString())
          .isEqualTo(expected.band().name());
      assertThat(scored.path("subscriber").path("reasons"))
          .extracting(r -> r.path("code").asString())
          .as("the labelled number's lines, as one engine with every stage scores it")
          .containsExactlyElementsOf(expected.lines().stream().map(l -> l.reason().code()).toList())
          .contains("SUB_HIGH_RISK");
      assertThat(json.readTree(answers.get(1).text()).path("status").asString())
          .isEqualTo("unknown");
    }
  }

  @Test
  void aNumberLabelledFraud_asksItsHoldersStageToCountIt_andThatStageDoes() throws Exception {
    String number = "+8613900000001";
    String holder = "410402199001011234";
    StageOperator holderStage = new StageOperator(Stage.HOLDER, JobSettings.shipped());
    try (var actor = harness(new StageOperator(Stage.ACTOR, JobSettings.shipped()));
        var holders = harness(holderStage)) {
      OpeningEvent opened =
          new OpeningEvent(
              "o1", T0, null, OpeningKind.SIM, number, holder, null, "410400", null, null, "营业厅");
      actor.processElement(part(Part.OPENED_CARD, "phone:" + number, opened), 1);
      List<Hop> first = hops(actor);
      assertThat(first).extracting(hh -> hh.kind).containsExactly(Hop.DONE);
      assertThat(first.get(0).key).isEqualTo("o1");

      LabelEvent label =
          new LabelEvent(
              "l1", T0 + 60_000, null, EntityKind.PHONE, number, Role.FRAUD_NUMBER, null);
      actor.processElement(part(Part.LABEL_ACTOR, "phone:" + number, label), 2);
      List<Hop> out = hops(actor);
      Hop done = out.stream().filter(hh -> hh.kind == Hop.DONE).findFirst().orElseThrow();
      assertThat(HopCodec.decision(done.payload).entity()).isEqualTo(number);
      List<Hop> toPeople =
          out.stream()
              .filter(hh -> hh.kind == Hop.REQUEST && hh.stage == Stage.PERSON.ordinal())
              .toList();
      // every key group of people hears first what it may read of the number now, then to warn its
      // quiet episodes
      assertThat(toPeople)
          .extracting(hh -> HopCodec.request(hh.payload).link())
          .containsExactlyElementsOf(
              java.util.stream.Stream.concat(
                      java.util.Collections.nCopies(MAX_PARALLELISM, Request.Link.NUMBER_RISK)
                          .stream(),
                      java.util.Collections.nCopies(MAX_PARALLELISM, Request.Link.WARN_QUIET)
                          .stream())
                  .toList());
      assertThat(toPeople.stream().map(hh -> hh.key).distinct()).hasSize(MAX_PARALLELISM);
      Request risk = HopCodec.request(toPeople.get(0).payload);
      assertThat(risk.target()).isEqualTo(number);
      assertThat(risk.risk().fraudNumber()).isTrue();
      assertThat(risk.risk().score()).isGreaterThanOrEqualTo(70);
      Hop ask =
          out.stream()
              .filter(hh -> hh.kind == Hop.REQUEST && hh.stage == Stage.HOLDER.ordinal())
              .findFirst()
              .orElseThrow();
      assertThat(ask.key).isEqualTo("holder:" + holder);
      assertThat(HopCodec.request(ask.payload).link()).isEqualTo(Request.Link.HOLDER_FRAUD);

      assertThat(holderStage.held(EntityKind.HOLDER, holder)).isEmpty();
      holders.processElement(ask, 3);
      assertThat(hops(holders)).isEmpty();
      assertThat(holderStage.held(EntityKind.HOLDER, holder).orElseThrow().reasons())
          .extracting(org.fanzha.core.reason.Reason::code)
          .contains("HO_FRAUD_LINKED");
    }
  }

  @Test
  void aPublishedRuleFile_scoresEveryLaterPart_andIsKeptThroughASnapshot() throws Exception {
    String stricter =
        RuleBook.defaultText()
            .replace("version: 1", "version: 2")
            .replace(
                "    weight: 40\n    when: \"features.reporters >= 1\"",
                "    weight: 90\n    when: \"features.reporters >= 1\"");
    assertThat(stricter)
        .as("the rule found")
        .isNotEqualTo(RuleBook.defaultText().replace("version: 1", "version: 2"));
    String first = "+8613900000002";
    String second = sameGroup(first);
    OperatorSubtaskState snapshot;
    try (var actor = harness(new StageOperator(Stage.ACTOR, JobSettings.shipped()))) {
      assertThat(reportedScore(actor, "r0", "+8613900000003")).as("shipped rules").isLessThan(70);
      for (int g = 0; g < MAX_PARALLELISM; g++) {
        Hop rules = Hop.of(Hop.RULES, KeyGroupShares.keyOf(g, MAX_PARALLELISM), "0:1");
        rules.stage = Stage.ACTOR.ordinal();
        rules.payload = stricter.getBytes(StandardCharsets.UTF_8);
        actor.processElement(rules, 2);
      }
      assertThat(actor.getSideOutput(StageOperator.OUTPUTS))
          .extracting(r -> r.getValue().text())
          .as("one answer from the stage")
          .containsExactly("{\"version\":2,\"status\":\"adopted\"}");
      assertThat(reportedScore(actor, "r1", first))
          .as("the published rules")
          .isGreaterThanOrEqualTo(90);
      snapshot = actor.snapshot(1, 3);
    }
    try (var restored = restored(new StageOperator(Stage.ACTOR, JobSettings.shipped()), snapshot)) {
      assertThat(reportedScore(restored, "r2", second))
          .as("restored with the rules it adopted")
          .isGreaterThanOrEqualTo(90);
    }
  }

  /**
   * The NODE stage keeps its state per entity (decision 0038): holding one handset at a time, each
   * hop on the other handset writes the first back to Flink's state and reads it again, and a
   * checkpoint restored elsewhere carries on counting. Both end where one engine fed the same calls
   * ends, and the risks sent are those the engine holds.
   */
  @Test
  void aNodeStageHoldingOneHandset_countsAcrossEvictionsAndARestore_asOneEngineDoes()
      throws Exception {
    org.fanzha.engine.Engine alone =
        new org.fanzha.engine.Engine(JobSettings.shipped().engineConfig());
    List<Event> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // a SIM box: one handset, a new number each call; a phone that keeps its number beside it
      calls.add(call("c" + i, T0 + i * 60_000L, "+861390000010" + i, "imei-box"));
      calls.add(call("d" + i, T0 + i * 60_000L + 1, "+8613900000200", "imei-own"));
    }
    OperatorSubtaskState snapshot;
    try (var node = harness(new StageOperator(Stage.NODE, JobSettings.shipped(), null, 1))) {
      feedHandsets(node, alone, calls.subList(0, 8), 1);
      node.prepareSnapshotPreBarrier(1);
      snapshot = node.snapshot(1, 2);
      assertThat(sentRisks(node)).containsEntry("device:imei-box", risk(alone, "imei-box"));
    }
    try (var restored = restored(snapshot)) {
      feedHandsets(restored, alone, calls.subList(8, calls.size()), 3);
      restored.endInput();
      var sent = sentRisks(restored);
      assertThat(alone.entity(EntityKind.DEVICE, "imei-box").orElseThrow().reasons())
          .extracting(org.fanzha.core.reason.Reason::code)
          .contains("DV_MANY_PHONES");
      assertThat(sent).containsEntry("device:imei-box", risk(alone, "imei-box"));
      assertThat(sent.keySet()).doesNotContain("device:imei-own");
    }
  }

  /**
   * A checkpoint of the NODE stage as it was kept before decision 0038, whole engines per key
   * group, is taken over: its handsets go on counting in the stage that keeps them per entity, and
   * once that stage has checkpointed, the old engines are gone from its state (restored again, they
   * would bring back the handset as it stood then).
   */
  @Test
  void aCheckpointOfWholeEngines_isTakenOverEntityByEntity() throws Exception {
    org.fanzha.engine.Engine alone =
        new org.fanzha.engine.Engine(JobSettings.shipped().engineConfig());
    List<Event> before = new ArrayList<>();
    List<Event> box = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      (i < 2 ? before : box).add(call("c" + i, T0 + i * 60_000L, "+861390000010" + i, "imei-box"));
    }
    // a second box, two numbers before the takeover and none until after the next checkpoint
    before.add(call("b0", T0 + 1, "+8613900000300", "imei-box2"));
    before.add(call("b1", T0 + 2, "+8613900000301", "imei-box2"));
    // the first number again: the handset has carried six numbers, not two, only if it is read
    // from the latest state; the third number on the second box makes three only if it was kept
    List<Event> after =
        List.of(
            call("e0", T0 + 7 * 60_000L, "+8613900000100", "imei-box"),
            call("e1", T0 + 7 * 60_000L + 1, "+8613900000302", "imei-box2"));
    OperatorSubtaskState whole;
    try (var old = harness(new WholeEngineStage())) {
      feedHandsets(old, alone, before, 1);
      whole = old.snapshot(1, 2);
    }
    OperatorSubtaskState perEntity;
    try (var taken = restored(whole)) {
      feedHandsets(taken, alone, box, 3);
      taken.prepareSnapshotPreBarrier(2);
      perEntity = taken.snapshot(2, 4);
      assertThat(sentRisks(taken)).containsEntry("device:imei-box", risk(alone, "imei-box"));
    }
    try (var later = restored(perEntity)) {
      feedHandsets(later, alone, after, 5);
      later.endInput();
      assertThat(risk(alone, "imei-box")).contains("DV_MANY_PHONES");
      assertThat(risk(alone, "imei-box2")).contains("DV_MANY_PHONES");
      assertThat(sentRisks(later))
          .containsEntry("device:imei-box", risk(alone, "imei-box"))
          .containsEntry("device:imei-box2", risk(alone, "imei-box2"));
    }
  }

  /**
   * A checkpoint of the HOLDER stage as it was kept before decision 0040, whole engines per key
   * group, is taken over: a holder's cards opened before and after it are all on its list when it
   * turns dealer, though only another holder came between the take-over and the next checkpoint,
   * which cleared the whole engines.
   */
  @Test
  void aHolderCheckpointedInAWholeEngine_keepsItsCardsWhenTakenOverEntityByEntity()
      throws Exception {
    String dealer = "410402199001011234";
    OperatorSubtaskState whole;
    try (var old = harness(new WholeEngineStage())) {
      old.processElement(opening(dealer, "+8613900000201", 0), 1);
      old.processElement(opening(dealer, "+8613900000202", 1), 2);
      whole = old.snapshot(1, 3);
    }
    OperatorSubtaskState perEntity;
    try (var taken =
        restored(new StageOperator(Stage.HOLDER, JobSettings.shipped(), null, 1), whole)) {
      // only another holder until the checkpoint: the dealer is in no engine but the restored one
      taken.processElement(opening("410402199001015678", "+8613900000301", 2), 4);
      taken.prepareSnapshotPreBarrier(2);
      perEntity = taken.snapshot(2, 6);
    }
    try (var later =
        restored(new StageOperator(Stage.HOLDER, JobSettings.shipped(), null, 1), perEntity)) {
      later.processElement(opening(dealer, "+8613900000203", 3), 5);
      hops(later);
      for (int i = 0; i < 2; i++) { // two of its numbers found used for fraud: a dealer
        Request fraud =
            new Request(Request.Link.HOLDER_FRAUD, dealer, null, "r" + i, T0 + 86_400_000L);
        Hop ask = Hop.of(Hop.REQUEST, "holder:" + dealer, "r" + i);
        ask.stage = Stage.HOLDER.ordinal();
        ask.payload = HopCodec.request(fraud);
        later.processElement(ask, 7 + i);
      }
      assertThat(hops(later))
          .filteredOn(hh -> hh.kind == Hop.REQUEST)
          .extracting(hh -> HopCodec.request(hh.payload))
          .filteredOn(r -> r.link() == Request.Link.PHONE_DEALER)
          .extracting(Request::target)
          .containsExactly("+8613900000203", "+8613900000202", "+8613900000201");
    }
  }

  /**
   * A checkpoint of the ACTOR stage as kept before decision 0041 (an engine per key group, holding
   * rows for the numbers its callers called) is taken over at parallelism 2: each task keeps its
   * own groups' callers, one by one, and checkpoints; the rows made for numbers of the other task's
   * groups are not taken for keys (writing them would be writing another task's key groups).
   */
  @Test
  void numbersCheckpointedInWholeEngines_areTakenOverByTheTaskThatOwnsTheirGroup()
      throws Exception {
    List<String> callers = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      callers.add("+861390000" + String.format("%04d", c));
    }
    OperatorSubtaskState whole;
    try (var old = harness(new WholeEngineStage(null))) {
      for (int k = 0; k < 30; k++) { // each rings strangers, few answer: scored above zero
        for (String c : callers) {
          Event call =
              new org.fanzha.core.event.CallEvent(
                  "c" + k + c,
                  T0 + k * 60_000L,
                  null,
                  c,
                  "+86150" + String.format("%08d", k * 100 + callers.indexOf(c)),
                  k % 6 == 0 ? 20 : 0,
                  null,
                  null,
                  null,
                  null,
                  null);
          old.processElement(part(Part.CALLER, "phone:" + c, call), k);
        }
      }
      whole = old.snapshot(1, 2);
    }
    java.util.Set<String> sent = new java.util.TreeSet<>();
    for (int i = 0; i < 2; i++) {
      OperatorSubtaskState perEntity;
      try (var taken = actorTask(i, repartition(whole, i))) {
        taken.prepareSnapshotPreBarrier(2);
        perEntity = taken.snapshot(2, 3);
      }
      try (var later = actorTask(i, perEntity)) {
        later.endInput(); // every stored key's risk
        java.util.Map<String, String> risks = sentRisks(later);
        for (String key : risks.keySet()) {
          int group = KeyGroupRangeAssignment.assignToKeyGroup(key, MAX_PARALLELISM);
          assertThat(
                  KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(
                      MAX_PARALLELISM, 2, group))
              .as("%s sent by the task that owns its group", key)
              .isEqualTo(i);
        }
        sent.addAll(risks.keySet());
      }
    }
    assertThat(sent)
        .as("every caller, once, by its group's task; no callee")
        .containsExactlyInAnyOrderElementsOf(callers.stream().map(c -> "phone:" + c).toList());
  }

  /**
   * A checkpoint of the PERSON stage as kept before decision 0042 (an engine per key group, with
   * rows for the numbers that called its people) is taken over at parallelism 2, checkpointed per
   * person, and restored: a person warned after a long call from a fraud number is warned again,
   * critically, when that number's risk reaches them and they share their screen, in the same
   * episode and naming the same number. Without the person's episode, or with the number still a
   * row's id, no such warning comes.
   */
  @Test
  void peopleCheckpointedInWholeEngines_keepTheirEpisodesAndWhoCalledThem() throws Exception {
    var config = JobSettings.shipped().engineConfig();
    String fraud = "+8616500000001";
    org.fanzha.engine.Engine numbers = new org.fanzha.engine.Engine(config);
    numbers.keyedShare(Stage.ACTOR, r -> {});
    numbers.visit(
        Part.LABEL_ACTOR,
        0,
        new org.fanzha.core.event.LabelEvent(
            "l0",
            T0,
            null,
            EntityKind.PHONE,
            fraud,
            org.fanzha.core.event.Role.FRAUD_NUMBER,
            org.fanzha.core.event.FraudType.POLICE),
        new org.fanzha.engine.scoring.Facts());
    List<String> people = new ArrayList<>();
    OperatorSubtaskState whole;
    try (var old = harness(new WholeEngineStage(null))) {
      // a short call first: the old engine's ids of numbers and of people are not the same
      Event chat =
          new org.fanzha.core.event.CallEvent(
              "c-", T0, null, "+8613900000999", "+8615000000000", 30, null, null, null, null, null);
      old.processElement(part(Part.CALLED_PERSON, "phone:+8615000000000", chat), 0);
      for (int k = 0; k < 8; k++) {
        String person = "+86150" + String.format("%08d", k);
        people.add(person);
        Event call =
            new org.fanzha.core.event.CallEvent(
                "c" + k,
                T0 + 60_000L * (k + 1),
                null,
                fraud,
                person,
                900,
                null,
                null,
                null,
                null,
                null);
        var facts = new org.fanzha.engine.scoring.Facts();
        numbers.visit(Part.CALLER, 0, call, facts);
        Hop h = part(Part.CALLED_PERSON, "phone:" + person, call);
        h.facts = HopCodec.facts(facts);
        old.processElement(h, k);
      }
      whole = old.snapshot(1, 2);
    }
    var risk = numbers.entity(EntityKind.PHONE, fraud).orElseThrow();
    List<String> warned = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      OperatorSubtaskState perEntity;
      try (var taken = personTask(i, repartition(whole, i))) {
        taken.prepareSnapshotPreBarrier(2);
        perEntity = taken.snapshot(2, 3);
      }
      try (var later = personTask(i, perEntity)) {
        for (int g = 0; g < MAX_PARALLELISM; g++) {
          if (KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(MAX_PARALLELISM, 2, g) == i) {
            Hop copy = Hop.of(Hop.REQUEST, KeyGroupShares.keyOf(g, MAX_PARALLELISM), "l1");
            copy.stage = Stage.PERSON.ordinal();
            copy.payload =
                HopCodec.request(
                    new org.fanzha.engine.scoring.Request(
                        org.fanzha.engine.scoring.Request.Link.NUMBER_RISK,
                        fraud,
                        null,
                        "l1",
                        T0 + 4 * HOUR,
                        new org.fanzha.engine.scoring.NumberView.NumberRisk(
                            risk.score(),
                            1L,
                            roleMask(risk),
                            1 + org.fanzha.core.event.FraudType.POLICE.ordinal())));
            later.processElement(copy, 20);
          }
        }
        for (String person : people) {
          String key = "phone:" + person;
          int group = KeyGroupRangeAssignment.assignToKeyGroup(key, MAX_PARALLELISM);
          if (KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(MAX_PARALLELISM, 2, group)
              == i) {
            Event share =
                new org.fanzha.core.event.DeviceEvent(
                    "s" + person,
                    T0 + 5 * HOUR, // past the long call's two hours: only its episode ties them
                    null,
                    person,
                    org.fanzha.core.event.DeviceSignal.SCREEN_SHARE,
                    "app:meeting");
            later.processElement(part(Part.SIGNAL, key, share), 30);
          }
        }
        for (StreamRecord<org.fanzha.flink.io.Output> o :
            later.getSideOutput(StageOperator.OUTPUTS)) {
          warned.add(String.valueOf(o.getValue().text()));
        }
      }
    }
    assertThat(warned).hasSize(people.size());
    for (int k = 0; k < people.size(); k++) {
      String person = people.get(k);
      assertThat(warned)
          .filteredOn(w -> w.contains("\"victim_phone\":\"" + person + "\""))
          .singleElement()
          .asString()
          .contains("\"severity\":\"critical\"")
          .contains("\"episode\":\"E-c" + k + "\"")
          .contains("\"contact\":\"" + fraud + "\"");
    }
  }

  private static int roleMask(org.fanzha.engine.EntityRisk risk) {
    int mask = 0;
    for (var role : risk.roles()) {
      mask |= 1 << role.ordinal();
    }
    return mask;
  }

  private static OperatorSubtaskState repartition(OperatorSubtaskState whole, int subtask)
      throws Exception {
    return org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness
        .repartitionOperatorState(whole, MAX_PARALLELISM, 1, 2, subtask);
  }

  /** Subtask {@code i} of 2 of the ACTOR stage, restored from {@code state}. */
  private static KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop> actorTask(
      int i, OperatorSubtaskState state) throws Exception {
    return task(Stage.ACTOR, i, state);
  }

  /** Subtask {@code i} of 2 of the PERSON stage, restored from {@code state}. */
  private static KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop> personTask(
      int i, OperatorSubtaskState state) throws Exception {
    return task(Stage.PERSON, i, state);
  }

  /** Subtask {@code i} of 2 of {@code stage}, restored from {@code state}. */
  private static KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop> task(
      Stage stage, int i, OperatorSubtaskState state) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new StageOperator(stage, JobSettings.shipped(), null, 1000),
            (Hop hop) -> hop.key,
            Types.STRING,
            MAX_PARALLELISM,
            2,
            i);
    h.initializeState(state);
    h.open();
    return h;
  }

  private static Hop opening(String holder, String number, int minute) {
    OpeningEvent o =
        new OpeningEvent(
            "o-" + number,
            T0 + minute * 60_000L,
            null,
            OpeningKind.SIM,
            number,
            holder,
            null,
            "410400",
            null,
            null,
            "营业厅");
    return part(Part.OPENING_HOLDER, "holder:" + holder, o);
  }

  /**
   * A rule file the NODE stage adopted is in force after a restore, though its engines are made
   * afresh there (their entities come back one by one from the state).
   */
  @Test
  void aNodeStage_restored_scoresWithTheRulesItAdopted() throws Exception {
    String twoNumbers =
        RuleBook.defaultText()
            .replace("version: 1", "version: 2")
            .replace("    many_phones: 3", "    many_phones: 2");
    assertThat(twoNumbers).contains("many_phones: 2");
    OperatorSubtaskState snapshot;
    try (var node = harness(new StageOperator(Stage.NODE, JobSettings.shipped(), null, 1))) {
      for (int g = 0; g < MAX_PARALLELISM; g++) {
        Hop rules = Hop.of(Hop.RULES, KeyGroupShares.keyOf(g, MAX_PARALLELISM), "0:1");
        rules.stage = Stage.NODE.ordinal();
        rules.payload = twoNumbers.getBytes(StandardCharsets.UTF_8);
        node.processElement(rules, 1);
      }
      node.prepareSnapshotPreBarrier(1);
      snapshot = node.snapshot(1, 2);
    }
    try (var later = restored(snapshot)) {
      feedHandsets(
          later,
          null,
          List.of(
              call("c0", T0, "+8613900000100", "imei-pair"),
              call("c1", T0 + 1, "+8613900000101", "imei-pair")),
          3);
      later.endInput();
      assertThat(sentRisks(later).get("device:imei-pair")).contains("DV_MANY_PHONES");
    }
  }

  /**
   * A handset held with a low risk, no role, then idle past the rule file's one day: its engine
   * forgets it on the next day's first event, and when it leaves the cache the stage says it holds
   * no risk any more and clears its state (the risk sent before must not stand in the topic).
   */
  @Test
  void aHandsetForgottenAsIdle_isSentAsGone_whenItLeavesTheCache() throws Exception {
    String oneDay = RuleBook.defaultText().replace("    idle_days: 0", "    idle_days: 1");
    assertThat(oneDay).contains("idle_days: 1");
    JobSettings settings = new JobSettings(oneDay, false);
    String low = "dev-low";
    org.fanzha.engine.Engine alone = new org.fanzha.engine.Engine(settings.engineConfig());
    try (var node = harness(new StageOperator(Stage.NODE, settings, null, 1))) {
      feedHandsets(node, alone, lowRisk(low), 1);
      var held = alone.entity(EntityKind.DEVICE, low).orElseThrow();
      assertThat(held.score()).isBetween(1, 39);
      assertThat(held.roles()).isEmpty();
      node.prepareSnapshotPreBarrier(1);
      assertThat(sentRisks(node).get("device:" + low)).startsWith(held.score() + "|");
      threeDaysOnInTheGroupOf(node, low, 2);
      assertThat(sentRisks(node)).containsEntry("device:" + low, "");
    }
  }

  /**
   * The same handset pushed out of the cache before it went idle: no engine holds it when the sweep
   * comes, so the day's first sweep in the task also reads the keys only in the state, and forgets
   * it there.
   */
  @Test
  void aHandsetOnlyInTheState_isSweptWithTheDaysFirstSweep() throws Exception {
    String oneDay = RuleBook.defaultText().replace("    idle_days: 0", "    idle_days: 1");
    JobSettings settings = new JobSettings(oneDay, false);
    String low = "dev-low";
    try (var node = harness(new StageOperator(Stage.NODE, settings, null, 1))) {
      feedHandsets(node, null, lowRisk(low), 1);
      node.prepareSnapshotPreBarrier(1);
      assertThat(sentRisks(node).get("device:" + low)).isNotEmpty();
      // another group's handset the same day pushes it out (no sweep: the day has not changed)
      feedHandsets(
          node,
          null,
          List.of(transfer("t7", T0 + 3_600_000L, "6222020000000000077", otherGroup(low))),
          2);
      assertThat(sentRisks(node).get("device:" + low)).as("kept in the state").isNotEmpty();
      // three days on, an event in its group sweeps
      threeDaysOnInTheGroupOf(node, low, 3);
      assertThat(sentRisks(node)).containsEntry("device:" + low, "");
    }
  }

  /**
   * A transfer three days after the others from another handset of {@code device}'s key group: its
   * engine's clock moves on and sweeps.
   */
  private static void threeDaysOnInTheGroupOf(
      KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop> node, String device, long ts)
      throws Exception {
    feedHandsets(
        node,
        null,
        List.of(
            transfer("t9", T0 + 3 * 86_400_000L, "6222020000000000099", sameGroupHandset(device))),
        ts);
  }

  /** A handset whose key falls in another key group than {@code device}'s. */
  private static String otherGroup(String device) {
    int group = KeyGroupRangeAssignment.assignToKeyGroup("device:" + device, MAX_PARALLELISM);
    for (int n = 0; ; n++) {
      String other = "dev-far-" + n;
      if (KeyGroupRangeAssignment.assignToKeyGroup("device:" + other, MAX_PARALLELISM) != group) {
        return other;
      }
    }
  }

  private static Event transfer(String id, long ts, String from, String device) {
    return new org.fanzha.core.event.TransferEvent(
        id,
        ts,
        null,
        from,
        "6222029999999999999",
        100_00,
        "CNY",
        org.fanzha.core.event.Channel.MOBILE,
        null,
        null,
        device,
        null,
        null);
  }

  /** Another handset whose key falls in the same key group as {@code device}'s. */
  private static String sameGroupHandset(String device) {
    int group = KeyGroupRangeAssignment.assignToKeyGroup("device:" + device, MAX_PARALLELISM);
    for (int n = 0; ; n++) {
      String other = "dev-other-" + n;
      if (KeyGroupRangeAssignment.assignToKeyGroup("device:" + other, MAX_PARALLELISM) == group) {
        return other;
      }
    }
  }

  /** A NODE stage holding one handset at a time, restored from {@code snapshot}. */
  private static KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop> restored(
      OperatorSubtaskState snapshot) throws Exception {
    return restored(new StageOperator(Stage.NODE, JobSettings.shipped(), null, 1), snapshot);
  }

  /** A harness of {@code op} restored from {@code snapshot}. */
  private static KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop> restored(
      OneInputStreamOperator<Hop, Hop> op, OperatorSubtaskState snapshot) throws Exception {
    var h = unopened(op);
    h.initializeState(snapshot);
    h.open();
    return h;
  }

  /**
   * A stage as before decisions 0038 and 0040: an engine per key group, checkpointed whole (no
   * facts pass between stages here).
   */
  private static final class WholeEngineStage
      extends org.apache.flink.streaming.api.operators.AbstractStreamOperator<Hop>
      implements OneInputStreamOperator<Hop, Hop> {
    private transient KeyGroupShares shares;

    /**
     * The stage its engines are keyed shares of; null: one-state engines, which make rows for the
     * other keys their steps meet, as the ACTOR and PERSON stages' did before 0041 and 0042.
     */
    private final @org.jspecify.annotations.Nullable Stage keyed;

    WholeEngineStage() {
      this(Stage.ACTOR);
    }

    WholeEngineStage(@org.jspecify.annotations.Nullable Stage keyed) {
      this.keyed = keyed;
    }

    @Override
    public void initializeState(org.apache.flink.runtime.state.StateInitializationContext context)
        throws Exception {
      super.initializeState(context);
      var config = JobSettings.shipped().engineConfig();
      shares =
          new KeyGroupShares(
              getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks(),
              () -> {
                var e = new org.fanzha.engine.Engine(config);
                if (keyed != null) {
                  e.keyedShare(keyed, r -> {});
                }
                return e;
              });
      shares.restore(this, context, in -> org.fanzha.engine.Engine.readSnapshot(in, config));
    }

    @Override
    public void processElement(StreamRecord<Hop> element) {
      Hop in = element.getValue();
      shares
          .of(in.key)
          .visit(
              Part.values()[in.part],
              in.index,
              EventBinary.decode(in.event),
              in.facts.length == 0
                  ? new org.fanzha.engine.scoring.Facts()
                  : HopCodec.facts(in.facts, new org.fanzha.engine.scoring.Facts()));
    }

    @Override
    public void snapshotState(org.apache.flink.runtime.state.StateSnapshotContext context)
        throws Exception {
      super.snapshotState(context);
      shares.save(this);
    }
  }

  private static Event call(String id, long ts, String caller, String imei) {
    return new org.fanzha.core.event.CallEvent(
        id, ts, null, caller, "+8613700000001", 30, null, null, imei, null, null);
  }

  private static String handset(Event e) {
    return "device:"
        + (e instanceof org.fanzha.core.event.CallEvent c
            ? c.callerImei()
            : ((org.fanzha.core.event.TransferEvent) e).device());
  }

  /**
   * Feeds each call's or transfer's handset part to {@code h}, and the whole event to {@code alone}
   * first (null: no engine beside).
   */
  private static void feedHandsets(
      KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop> h,
      org.fanzha.engine.@org.jspecify.annotations.Nullable Engine alone,
      List<Event> events,
      long ts)
      throws Exception {
    for (Event e : events) {
      if (alone != null) {
        alone.process(e);
      }
      Part handsetPart =
          e instanceof org.fanzha.core.event.CallEvent ? Part.CALL_HANDSET : Part.TRANSFER_HANDSET;
      h.processElement(part(handsetPart, handset(e), e), ts);
    }
  }

  /**
   * Five accounts pay through one handset, then two numbers call from it (which scores it): a low
   * risk, no role.
   */
  private static List<Event> lowRisk(String device) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      out.add(transfer("t" + i, T0 + i, "62220200000000000" + i, device));
    }
    for (int i = 0; i < 2; i++) {
      out.add(call("c" + i, T0 + 10 + i, "+861390000010" + i, device));
    }
    return out;
  }

  private static String risk(org.fanzha.engine.Engine e, String imei) {
    var r = e.entity(EntityKind.DEVICE, imei).orElseThrow();
    return r.score() + "|" + r.roles() + "|" + r.reasons();
  }

  /**
   * The last risk the harness sent for each entity ("" when it sent that the entity holds none).
   */
  private static java.util.Map<String, String> sentRisks(
      KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop> h) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    var records = h.getSideOutput(StageOperator.RISKS);
    if (records != null) {
      for (StreamRecord<Hop> r : records) {
        Hop hop = r.getValue();
        if (hop.payload.length == 0) {
          out.put(hop.key, "");
        } else {
          var risk = HopCodec.risk(hop.payload);
          out.put(hop.key, risk.score() + "|" + risk.roles() + "|" + risk.reasons());
        }
      }
    }
    return out;
  }

  /** Another number whose key falls in the same key group as {@code phone}'s. */
  private static String sameGroup(String phone) {
    int group = KeyGroupRangeAssignment.assignToKeyGroup("phone:" + phone, MAX_PARALLELISM);
    for (int n = 10; ; n++) {
      String other = "+86139000000" + n;
      if (KeyGroupRangeAssignment.assignToKeyGroup("phone:" + other, MAX_PARALLELISM) == group) {
        return other;
      }
    }
  }

  /** The score the stage gives {@code phone} on one public report of it. */
  private static int reportedScore(
      KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop> h, String id, String phone)
      throws Exception {
    ReportEvent report =
        new ReportEvent(
            id,
            T0 + 120_000,
            null,
            List.of(new ReportTarget(TargetKind.PHONE, phone)),
            "+8613700000009",
            null,
            null,
            null,
            0,
            List.of());
    h.processElement(part(Part.REPORTED, "phone:" + phone, report), 4);
    Hop done = hops(h).stream().filter(hh -> hh.kind == Hop.DONE).findFirst().orElseThrow();
    // no decision sent: the part's was scored zero and asked for nothing
    return done.payload.length == 0 ? 0 : HopCodec.decision(done.payload).score();
  }
}
