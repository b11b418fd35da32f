package org.fanzha.flink.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.fanzha.engine.Action;

/** Every hop comes back from {@link HopSerializer} as it went in, alone and among others. */
class HopSerializerProperties {
  private final HopSerializer serializer = new HopSerializer();

  @Property
  void aHopReadBackIsTheHopWritten(@ForAll("hops") Hop hop) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(hop, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    assertThat(serializer.deserialize(in)).usingRecursiveComparison().isEqualTo(hop);
    assertThat(in.available()).as("bytes left over").isZero();
  }

  @Property
  void hopsWrittenOneAfterAnotherAreReadBackInOrder(
      @ForAll("hops") Hop first, @ForAll("hops") Hop second) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(first, out);
    serializer.serialize(second, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    DataOutputSerializer copied = new DataOutputSerializer(64);
    serializer.copy(in, copied); // a record passed on as bytes
    serializer.copy(in, copied);
    DataInputDeserializer back = new DataInputDeserializer(copied.getCopyOfBuffer());
    assertThat(serializer.deserialize(back)).usingRecursiveComparison().isEqualTo(first);
    assertThat(serializer.deserialize(back)).usingRecursiveComparison().isEqualTo(second);
  }

  @Property
  void aCopyEqualsItsOriginalAndSharesNoBytesWithIt(@ForAll("hops") Hop hop) {
    Hop copy = serializer.copy(hop);
    assertThat(copy).isNotSameAs(hop).usingRecursiveComparison().isEqualTo(hop);
    for (byte[][] pair :
        new byte[][][] {
          {hop.event, copy.event}, {hop.facts, copy.facts}, {hop.payload, copy.payload}
        }) {
      if (pair[0].length > 0) {
        assertThat(pair[1]).isNotSameAs(pair[0]);
      }
    }
  }

  @Provide
  Arbitrary<Hop> hops() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40); // any char, CJK included
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<Hop> head =
        Combinators.combine(
                Arbitraries.bytes().between((byte) 1, (byte) 8),
                Arbitraries.integers(),
                text,
                text,
                Arbitraries.longs(),
                Arbitraries.longs(),
                Arbitraries.integers(),
                Arbitraries.integers())
            .as(
                (kind, stage, key, eventId, seq, at, part, index) -> {
                  Hop h = Hop.of(kind, key, eventId);
                  h.stage = stage;
                  h.seq = seq;
                  h.at = at;
                  h.part = part;
                  h.index = index;
                  return h;
                });
    return Combinators.combine(
            head, bytes, bytes, bytes, Arbitraries.of(Action.class), text.injectNull(0.3))
        .as(
            (h, event, facts, payload, action, replyTo) -> {
              h.event = event;
              h.facts = facts;
              h.payload = payload;
              h.action = action.name();
              h.replyTo = replyTo;
              return h;
            });
  }
}
