package org.fanzha.flink.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.StringValue;
import org.apache.flink.util.Collector;
import org.fanzha.core.codec.EventBinary;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.Action;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Level;
import org.fanzha.engine.scoring.Part;
import org.fanzha.engine.scoring.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flink finds {@link HopSerializer} wherever a hop travels or waits, and reads what came before.
 */
class HopSerializerTest {

  @Test
  void everyHopClassInTheJobIsSerialisedByTheHopSerializer() {
    assertThat(TypeInformation.of(Hop.class)).isInstanceOf(HopTypeInfo.class);
    ValueStateDescriptor<Hop> waiting = new ValueStateDescriptor<>("rest", Hop.class);
    waiting.initializeSerializerUnlessSet(new ExecutionConfig()); // as a keyed backend does
    assertThat(waiting.getSerializer()).isInstanceOf(HopSerializer.class);
  }

  @Test
  void stateThePojoSerializerWroteIsReadWithItAndWrittenAnew() throws Exception {
    TypeSerializer<Hop> pojo = pojoSerializer();
    Hop waiting = Hop.of(Hop.CARRIER, "e1", "e1");
    waiting.seq = 7;
    waiting.event = new byte[] {1, 2, 3};
    waiting.payload = new byte[] {9};
    waiting.action = "DELAY";
    waiting.replyTo = "corr-1";
    DataOutputSerializer old = new DataOutputSerializer(64);
    pojo.serialize(waiting, old);
    // the snapshot a checkpoint of an earlier build holds, as Flink writes and reads it
    DataOutputSerializer config = new DataOutputSerializer(256);
    TypeSerializerSnapshot.writeVersionedSnapshot(config, pojo.snapshotConfiguration());
    TypeSerializerSnapshot<Hop> restored =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(config.getCopyOfBuffer()), getClass().getClassLoader());

    assertThat(
            new HopSerializer()
                .snapshotConfiguration()
                .resolveSchemaCompatibility(restored)
                .isCompatibleAfterMigration())
        .isTrue();
    Hop read =
        restored.restoreSerializer().deserialize(new DataInputDeserializer(old.getCopyOfBuffer()));
    DataOutputSerializer anew = new DataOutputSerializer(64);
    new HopSerializer().serialize(read, anew);
    assertThat(new HopSerializer().deserialize(new DataInputDeserializer(anew.getCopyOfBuffer())))
        .usingRecursiveComparison()
        .isEqualTo(waiting);
  }

  @Test
  void aHopIsWrittenInItsFixedLayout() throws Exception {
    Hop h = Hop.of(Hop.PART, "phone:+8613900000001", "e1");
    h.stage = 2;
    h.seq = 7;
    h.at = 9;
    h.part = 3;
    h.index = 1;
    h.event = new byte[] {5, 6};
    h.payload = new byte[] {8};
    h.action = "HOLD";
    DataOutputSerializer expected = new DataOutputSerializer(64);
    expected.writeByte(Hop.PART);
    expected.writeInt(2);
    StringValue.writeString("phone:+8613900000001", expected);
    StringValue.writeString("e1", expected);
    expected.writeLong(7);
    expected.writeLong(9);
    expected.writeInt(3);
    expected.writeInt(1);
    expected.writeInt(2);
    expected.write(new byte[] {5, 6});
    expected.writeInt(0); // no facts
    expected.writeInt(1);
    expected.write(new byte[] {8});
    expected.writeByte(3); // HOLD
    StringValue.writeString(null, expected); // no caller waits
    DataOutputSerializer written = new DataOutputSerializer(64);
    new HopSerializer().serialize(h, written);
    assertThat(written.getCopyOfBuffer()).isEqualTo(expected.getCopyOfBuffer());
  }

  @Test
  void itsOwnSnapshotIsCompatibleAsItIs() {
    TypeSerializerSnapshot<Hop> own = new HopSerializer().snapshotConfiguration();
    assertThat(
            new HopSerializer()
                .snapshotConfiguration()
                .resolveSchemaCompatibility(own)
                .isCompatibleAsIs())
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"heap", "rocksdb"})
  void anAssemblerRestoredFromStateThePojoSerializerWroteFinishesWhatWaited(String backend)
      throws Exception {
    Event first = call("c1");
    Event second = call("c2");
    Hop waitingCarrier = carrier(first, 1);
    waitingCarrier.replyTo = "corr-1";
    Hop waitingDone = done(second, 40);
    OperatorSubtaskState before;
    try (var earlier = harness(new KeyedProcessOperator<>(new PojoWaiting()), backend)) {
      earlier.open();
      earlier.processElement(waitingCarrier, 1);
      earlier.processElement(waitingDone, 2);
      before = earlier.snapshot(1, 3);
    }
    try (var assembler =
        harness(new KeyedProcessOperator<>(new Assembler(Stage.ACTOR, 32)), backend)) {
      assembler.initializeState(before);
      assembler.open();
      Hop firstDone = done(first, 70);
      assembler.processElement(firstDone, 4); // completes the carrier that waited in "rest"
      assembler.processElement(carrier(second, 1), 5); // meets the part that waited in "found"
      List<Hop> out = StageOperatorTest.hops(assembler);
      Hop firstOn = onward(out, "c1");
      assertThat(firstOn.replyTo).isEqualTo("corr-1");
      assertThat(firstOn.seq).isEqualTo(waitingCarrier.seq);
      assertThat(firstOn.payload).isEqualTo(firstDone.payload);
      assertThat(onward(out, "c2").payload).isEqualTo(waitingDone.payload);
      assertThat(out)
          .filteredOn(h -> h.kind == Hop.PART)
          .extracting(h -> Part.values()[h.part])
          .containsOnly(Part.CALLER, Part.CALLEE);
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Hop, Hop> harness(
      KeyedProcessOperator<String, Hop, Hop> op, String backend) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            op, (Hop hop) -> hop.key, Types.STRING, 32, 1, 0);
    if (backend.equals("rocksdb")) {
      h.setStateBackend(new EmbeddedRocksDBStateBackend());
    }
    return h;
  }

  private static Event call(String id) {
    return new CallEvent(
        id, 1_000, null, "+8613900000001", "+8613900000002", 30, null, null, null, null, null);
  }

  /** The rest of an event, waiting for {@code parts} of the stage before. */
  private static Hop carrier(Event e, int parts) {
    Hop h = Hop.of(Hop.CARRIER, e.id(), e.id());
    h.seq = e.id().hashCode();
    h.index = parts;
    h.event = new EventBinary().encode(e);
    return h;
  }

  /** What the event's handset part found: a decision about the caller scored {@code score}. */
  private static Hop done(Event e, int score) {
    Hop h = Hop.of(Hop.DONE, e.id(), e.id());
    h.part = Part.CALL_HANDSET.ordinal();
    h.payload =
        HopCodec.decision(
            new Decision(
                e.id(),
                EntityKind.PHONE,
                "+8613900000001",
                score,
                Level.MEDIUM,
                Action.WARN,
                List.of(new Reason("R1", "理由", "reason"))));
    return h;
  }

  private static Hop onward(List<Hop> out, String eventId) {
    return out.stream()
        .filter(h -> h.kind == Hop.CARRIER && h.eventId.equals(eventId))
        .findFirst()
        .orElseThrow();
  }

  /** The assemblers' state as builds before {@link HopSerializer} wrote it. */
  private static final class PojoWaiting extends KeyedProcessFunction<String, Hop, Hop> {
    private transient ValueState<Hop> rest;
    private transient ListState<Hop> found;

    @Override
    public void open(OpenContext context) {
      rest = getRuntimeContext().getState(new ValueStateDescriptor<>("rest", pojoInfo()));
      found = getRuntimeContext().getListState(new ListStateDescriptor<>("found", pojoInfo()));
    }

    @Override
    public void processElement(Hop hop, Context ctx, Collector<Hop> out) throws Exception {
      if (hop.kind == Hop.CARRIER) {
        rest.update(hop);
      } else {
        found.add(hop);
      }
    }
  }

  /** The serialiser Flink chose for a hop before {@link HopSerializer}: its public fields. */
  private static TypeSerializer<Hop> pojoSerializer() {
    return pojoInfo().createSerializer(new SerializerConfigImpl());
  }

  private static PojoTypeInfo<Hop> pojoInfo() {
    List<PojoField> fields = new ArrayList<>();
    for (Field f : Hop.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        fields.add(new PojoField(f, TypeExtractor.createTypeInfo(f.getGenericType())));
      }
    }
    return new PojoTypeInfo<>(Hop.class, fields);
  }
}
