package org.fanzha.flink.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

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
  void itsOwnSnapshotIsCompatibleAsItIs() {
    TypeSerializerSnapshot<Hop> own = new HopSerializer().snapshotConfiguration();
    assertThat(
            new HopSerializer()
                .snapshotConfiguration()
                .resolveSchemaCompatibility(own)
                .isCompatibleAsIs())
        .isTrue();
  }

  /** The serialiser Flink chose for a hop before {@link HopSerializer}: its public fields. */
  private static TypeSerializer<Hop> pojoSerializer() {
    List<PojoField> fields = new ArrayList<>();
    for (Field f : Hop.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        fields.add(new PojoField(f, TypeExtractor.createTypeInfo(f.getGenericType())));
      }
    }
    return new PojoTypeInfo<>(Hop.class, fields).createSerializer(new SerializerConfigImpl());
  }
}
