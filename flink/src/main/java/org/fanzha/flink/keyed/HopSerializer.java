package org.fanzha.flink.keyed;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.fanzha.engine.Action;

/**
 * A {@link Hop}'s fields in a fixed order, the action as one byte. Every event crosses about ten
 * keyed edges as hops; Flink's POJO serialiser reached each field by reflection behind a null mark
 * (about a tenth of the keyed job's sampled CPU). State a POJO serialiser wrote (the assemblers'
 * events in waiting) is read with it once and written in this form from then on.
 */
public final class HopSerializer extends TypeSerializerSingleton<Hop> {
  private static final long serialVersionUID = 1L;
  private static final byte[] NONE = new byte[0];
  private static final Action[] BY_CODE = byCode();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public Hop createInstance() {
    return new Hop();
  }

  @Override
  public Hop copy(Hop from) {
    Hop h = new Hop();
    h.kind = from.kind;
    h.stage = from.stage;
    h.key = from.key;
    h.eventId = from.eventId;
    h.seq = from.seq;
    h.at = from.at;
    h.part = from.part;
    h.index = from.index;
    h.event = copyOf(from.event);
    h.facts = copyOf(from.facts);
    h.payload = copyOf(from.payload);
    h.action = from.action;
    h.replyTo = from.replyTo;
    return h;
  }

  @Override
  public Hop copy(Hop from, Hop reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(Hop h, DataOutputView out) throws IOException {
    out.writeByte(h.kind);
    out.writeInt(h.stage);
    StringValue.writeString(h.key, out);
    StringValue.writeString(h.eventId, out);
    out.writeLong(h.seq);
    out.writeLong(h.at);
    out.writeInt(h.part);
    out.writeInt(h.index);
    writeBytes(h.event, out);
    writeBytes(h.facts, out);
    writeBytes(h.payload, out);
    out.writeByte(code(Action.valueOf(h.action)));
    StringValue.writeString(h.replyTo, out); // null allowed
  }

  @Override
  public Hop deserialize(DataInputView in) throws IOException {
    Hop h = new Hop();
    h.kind = in.readByte();
    h.stage = in.readInt();
    h.key = StringValue.readString(in);
    h.eventId = StringValue.readString(in);
    h.seq = in.readLong();
    h.at = in.readLong();
    h.part = in.readInt();
    h.index = in.readInt();
    h.event = readBytes(in);
    h.facts = readBytes(in);
    h.payload = readBytes(in);
    int action = in.readUnsignedByte();
    if (action >= BY_CODE.length) {
      throw new IOException("a hop names action " + action + ", not one of this build's");
    }
    h.action = BY_CODE[action].name();
    h.replyTo = StringValue.readString(in);
    return h;
  }

  @Override
  public Hop deserialize(Hop reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<Hop> snapshotConfiguration() {
    return new Snapshot();
  }

  private static void writeBytes(byte[] b, DataOutputView out) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputView in) throws IOException {
    int n = in.readInt();
    if (n == 0) {
      return NONE;
    }
    if (n < 0) {
      throw new IOException("a hop's bytes have length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  private static byte[] copyOf(byte[] b) {
    return b.length == 0 ? NONE : Arrays.copyOf(b, b.length);
  }

  /** An action's code in a hop's bytes: fixed here, whatever the enum's order or its ranks. */
  static int code(Action a) {
    return switch (a) {
      case ALLOW -> 0;
      case WARN -> 1;
      case DELAY -> 2;
      case HOLD -> 3;
    };
  }

  private static Action[] byCode() {
    Action[] a = new Action[Action.values().length];
    for (Action x : Action.values()) {
      a[code(x)] = x;
    }
    return a;
  }

  /**
   * The serialiser's snapshot: the same serialiser back; state written by the POJO serialiser of
   * {@link Hop} is read with that one and written again with this.
   */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Hop> {
    public Snapshot() {
      super(HopSerializer::new);
    }

    @Override
    public TypeSerializerSchemaCompatibility<Hop> resolveSchemaCompatibility(
        TypeSerializerSnapshot<Hop> old) {
      if (old instanceof PojoSerializerSnapshot) {
        return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
      }
      return super.resolveSchemaCompatibility(old);
    }
  }
}
