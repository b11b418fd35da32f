package org.fanzha.flink.keyed;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.Action;
import org.fanzha.engine.Decision;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Level;
import org.fanzha.engine.scoring.Facts;
import org.fanzha.engine.scoring.NumberView.NumberRisk;
import org.fanzha.engine.scoring.Request;

/**
 * Bytes for what a {@link Hop} carries: facts, a part's decision, a request, a risk; constants by
 * name, never by ordinal.
 */
final class HopCodec {

  private HopCodec() {}

  static byte[] facts(Facts f) {
    return bytes(out -> f.write(out));
  }

  static Facts facts(byte[] bytes, Facts into) {
    into.clear();
    if (bytes.length > 0) {
      read(bytes, into::read);
    }
    return into;
  }

  /**
   * A decision {@link #decision(Decision)} wrote, without its reasons (what an assembler compares
   * decisions by).
   */
  static Decision decisionHead(byte[] bytes) {
    Decision[] d = new Decision[1];
    read(bytes, in -> d[0] = head(in, List.of()));
    return d[0];
  }

  static byte[] decision(Decision d) {
    return bytes(
        out -> {
          out.writeUTF(d.eventId());
          out.writeUTF(d.entityKind().name());
          out.writeUTF(d.entity());
          out.writeInt(d.score());
          out.writeUTF(d.level().name());
          out.writeUTF(d.action().name());
          writeReasons(d.reasons(), out);
        });
  }

  static byte[] risk(EntityRisk r) {
    return bytes(
        out -> {
          out.writeUTF(r.entityKind().name());
          out.writeUTF(r.entity());
          out.writeInt(r.score());
          out.writeUTF(r.level().name());
          out.writeInt(r.roles().size());
          for (Role role : r.roles()) {
            out.writeUTF(role.name());
          }
          writeReasons(r.reasons(), out);
        });
  }

  static EntityRisk risk(byte[] bytes) {
    EntityRisk[] r = new EntityRisk[1];
    read(
        bytes,
        in -> {
          EntityKind kind = EntityKind.valueOf(in.readUTF());
          String entity = in.readUTF();
          int score = in.readInt();
          Level level = Level.valueOf(in.readUTF());
          int n = in.readInt();
          Set<Role> roles = EnumSet.noneOf(Role.class);
          for (int i = 0; i < n; i++) {
            roles.add(Role.valueOf(in.readUTF()));
          }
          r[0] = new EntityRisk(kind, entity, score, level, roles, readReasons(in));
        });
    return r[0];
  }

  /**
   * A request hop as a feedback record's value: its stage, cause and request (the key is the
   * record's).
   */
  static byte[] feedback(Hop h) {
    return bytes(
        out -> {
          out.writeInt(h.stage);
          out.writeUTF(h.eventId);
          out.writeLong(h.seq);
          out.writeLong(h.at);
          out.writeInt(h.payload.length);
          out.write(h.payload);
        });
  }

  /** The request hop for {@code key} a feedback record's value holds. */
  static Hop feedback(String key, byte[] value) {
    Hop[] h = new Hop[1];
    read(
        value,
        in -> {
          int stage = in.readInt();
          Hop r = Hop.of(Hop.REQUEST, key, in.readUTF());
          r.stage = stage;
          r.seq = in.readLong();
          r.at = in.readLong();
          r.payload = new byte[in.readInt()];
          in.readFully(r.payload);
          h[0] = r;
        });
    return h[0];
  }

  private static void writeReasons(List<Reason> reasons, DataOutput out) throws IOException {
    out.writeInt(reasons.size());
    for (Reason r : reasons) {
      out.writeUTF(r.code());
      out.writeUTF(r.textZh());
      out.writeUTF(r.textEn());
    }
  }

  private static List<Reason> readReasons(DataInput in) throws IOException {
    int n = in.readInt();
    List<Reason> reasons = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      reasons.add(new Reason(in.readUTF(), in.readUTF(), in.readUTF()));
    }
    return reasons;
  }

  static Decision decision(byte[] bytes) {
    Decision[] d = new Decision[1];
    read(
        bytes,
        in -> {
          Decision head = head(in, List.of());
          d[0] = head.withReasons(readReasons(in));
        });
    return d[0];
  }

  private static Decision head(DataInput in, List<Reason> reasons) throws IOException {
    String eventId = in.readUTF();
    EntityKind kind = EntityKind.valueOf(in.readUTF());
    String entity = in.readUTF();
    int score = in.readInt();
    Level level = Level.valueOf(in.readUTF());
    Action action = Action.valueOf(in.readUTF());
    return new Decision(eventId, kind, entity, score, level, action, reasons);
  }

  static byte[] request(Request q) {
    return bytes(
        out -> {
          out.writeUTF(q.link().name());
          out.writeUTF(q.target());
          out.writeBoolean(q.from() != null);
          if (q.from() != null) {
            out.writeUTF(q.from());
          }
          out.writeUTF(q.eventId());
          out.writeLong(q.ts());
          NumberRisk r = q.risk();
          out.writeByte(r.score());
          out.writeLong(r.reasonMask());
          out.writeInt(r.roleMask());
          out.writeInt(r.fraudType());
        });
  }

  static Request request(byte[] bytes) {
    Request[] q = new Request[1];
    read(
        bytes,
        in -> {
          Request.Link link = Request.Link.valueOf(in.readUTF());
          String target = in.readUTF();
          String from = in.readBoolean() ? in.readUTF() : null;
          String eventId = in.readUTF();
          long ts = in.readLong();
          NumberRisk risk =
              new NumberRisk(in.readUnsignedByte(), in.readLong(), in.readInt(), in.readInt());
          q[0] =
              new Request(
                  link,
                  target,
                  from,
                  eventId,
                  ts,
                  risk.equals(NumberRisk.NONE) ? NumberRisk.NONE : risk);
        });
    return q[0];
  }

  private interface Writing {
    void to(DataOutput out) throws IOException;
  }

  private interface Reading {
    void from(DataInput in) throws IOException;
  }

  // Flink's own byte-array views, not java.io's streams: those synchronise every byte read or
  // written, which showed
  // as about a sixth of the keyed job's sampled CPU; the bytes are the same (java.io's modified
  // UTF-8 included)
  private static byte[] bytes(Writing w) {
    DataOutputSerializer out = new DataOutputSerializer(128);
    try {
      w.to(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return out.getCopyOfBuffer();
  }

  private static void read(byte[] bytes, Reading r) {
    try {
      r.from(new DataInputDeserializer(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("a keyed hop could not be read", e);
    }
  }
}
