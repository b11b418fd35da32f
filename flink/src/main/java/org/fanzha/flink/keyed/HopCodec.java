package org.fanzha.flink.keyed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.Action;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Level;
import org.fanzha.engine.scoring.Facts;
import org.fanzha.engine.scoring.Request;

/** Bytes for what a {@link Hop} carries: facts, a part's decision, a request; constants by name, never by ordinal. */
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

  static byte[] decision(Decision d) {
    return bytes(out -> {
      out.writeUTF(d.eventId());
      out.writeUTF(d.entityKind().name());
      out.writeUTF(d.entity());
      out.writeInt(d.score());
      out.writeUTF(d.level().name());
      out.writeUTF(d.action().name());
      out.writeInt(d.reasons().size());
      for (Reason r : d.reasons()) {
        out.writeUTF(r.code());
        out.writeUTF(r.textZh());
        out.writeUTF(r.textEn());
      }
    });
  }

  static Decision decision(byte[] bytes) {
    Decision[] d = new Decision[1];
    read(bytes, in -> {
      String eventId = in.readUTF();
      EntityKind kind = EntityKind.valueOf(in.readUTF());
      String entity = in.readUTF();
      int score = in.readInt();
      Level level = Level.valueOf(in.readUTF());
      Action action = Action.valueOf(in.readUTF());
      int n = in.readInt();
      List<Reason> reasons = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        reasons.add(new Reason(in.readUTF(), in.readUTF(), in.readUTF()));
      }
      d[0] = new Decision(eventId, kind, entity, score, level, action, reasons);
    });
    return d[0];
  }

  static byte[] request(Request q) {
    return bytes(out -> {
      out.writeUTF(q.link().name());
      out.writeUTF(q.target());
      out.writeBoolean(q.from() != null);
      if (q.from() != null) {
        out.writeUTF(q.from());
      }
      out.writeUTF(q.eventId());
      out.writeLong(q.ts());
    });
  }

  static Request request(byte[] bytes) {
    Request[] q = new Request[1];
    read(bytes, in -> {
      Request.Link link = Request.Link.valueOf(in.readUTF());
      String target = in.readUTF();
      String from = in.readBoolean() ? in.readUTF() : null;
      q[0] = new Request(link, target, from, in.readUTF(), in.readLong());
    });
    return q[0];
  }

  private interface Writing {
    void to(DataOutputStream out) throws IOException;
  }

  private interface Reading {
    void from(DataInputStream in) throws IOException;
  }

  private static byte[] bytes(Writing w) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(b)) {
      w.to(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return b.toByteArray();
  }

  private static void read(byte[] bytes, Reading r) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      r.from(in);
    } catch (IOException e) {
      throw new UncheckedIOException("a keyed hop could not be read", e);
    }
  }
}
