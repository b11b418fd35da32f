package org.fanzha.engine.scoring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.rules.file.RuleSpec;
import org.jspecify.annotations.Nullable;

/**
 * What one key of a keyed share holds, as bytes a runner keeps per entity (decision 0038), and
 * back: so far the keys of the {@link Stage#NODE} stage (handsets, networks, radio cells), whose
 * steps write nothing but the key's own slice and list standing. A slice's reason mask is written
 * as rule codes, since another task's engine may have given the codes other bits.
 */
public final class KeyState {
  private static final byte FORMAT = 1;

  private KeyState() {}

  /** Returns whether state per entity is kept for the keys of {@code stage}. */
  public static boolean perEntity(Stage stage) {
    return stage == Stage.NODE;
  }

  /**
   * Returns {@code key}'s state in {@code s} as bytes, or null when {@code s} holds none for it: no
   * slice (an entity met in events) and no list standing (a listing may name an entity before any
   * event does).
   */
  public static byte @Nullable [] export(EngineState s, String key) {
    Node node = Node.of(s, key);
    FeatureTable t = node.table;
    int id = t.find(node.name);
    int standing = t.scored() ? s.lists.standing(node.kind, node.name) : 0;
    if (id < 0 && standing == 0) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 4 * t.sliceWords());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeShort(id < 0 ? 0 : t.sliceWords());
      if (id >= 0) {
        int[] slice = new int[t.sliceWords()];
        t.copySlice(id, slice);
        for (int w : slice) {
          out.writeInt(w);
        }
        if (t.scored()) {
          long mask = t.reasonMask(id);
          out.writeByte(Long.bitCount(mask));
          for (long m = mask; m != 0; m &= m - 1) {
            String code = s.codes.code(node.rules, Long.numberOfTrailingZeros(m));
            out.writeUTF(code == null ? "" : code);
          }
        }
      }
      out.writeInt(standing);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * Puts back into {@code s} the state {@link #export} wrote for {@code key}, as it was; a reason
   * whose code no rule book in force here has used is dropped. A slice written before its kind
   * gained words is widened, its newer words 0.
   *
   * @throws IOException when the bytes are not a key's state this build can read
   */
  public static void restore(EngineState s, String key, byte[] bytes) throws IOException {
    try {
      read(s, key, bytes);
    } catch (IOException | RuntimeException e) {
      forget(s, key); // nothing half put back
      throw e instanceof java.io.EOFException
          ? new IOException(key + ": the state ends early", e)
          : e instanceof IOException io ? io : new IOException(key + ": " + e.getMessage(), e);
    }
  }

  private static void read(EngineState s, String key, byte[] bytes) throws IOException {
    Node node = Node.of(s, key);
    FeatureTable t = node.table;
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readByte() != FORMAT) {
      throw new IOException("not a key's state of format " + FORMAT + ": " + key);
    }
    int words = in.readShort();
    if (words > 0) {
      int[] slice = new int[words];
      for (int i = 0; i < words; i++) {
        slice[i] = in.readInt();
      }
      int id = t.intern(node.name);
      try {
        t.pasteSlice(id, slice);
      } catch (IllegalArgumentException e) {
        throw new IOException(key + ": " + e.getMessage(), e);
      }
      if (t.scored()) {
        long mask = 0;
        for (int n = in.readUnsignedByte(); n > 0; n--) {
          int bit = s.codes.bit(node.rules, in.readUTF());
          mask |= bit < 0 ? 0 : 1L << bit;
        }
        t.setRisk(id, t.score(id), mask, t.roleMask(id));
      }
    }
    int standing = in.readInt();
    if (in.available() > 0) {
      throw new IOException(key + ": " + in.available() + " bytes more than its state");
    }
    if (t.scored()) {
      s.lists.restoreStanding(node.kind, node.name, standing);
    }
  }

  /**
   * Forgets {@code key}'s state in {@code s} when the sweep at {@code sweptAt} would have forgotten
   * it (decision 0027) had it been held then: a key kept elsewhere misses the sweeps. Returns
   * whether it did.
   */
  public static boolean forgetIfIdle(
      EngineState s, String key, long sweptAt, long idleMs, int keepScore) {
    Node node = Node.of(s, key);
    int id = node.table.find(node.name);
    if (id < 0
        || sweptAt <= 0
        || idleMs <= 0
        || !IdleEntities.idle(node.table, id, FeatureTable.sec(sweptAt - idleMs), keepScore)) {
      return false;
    }
    forget(s, key);
    return true;
  }

  /** Forgets {@code key}'s state in {@code s} (the runner keeps it elsewhere). */
  public static void forget(EngineState s, String key) {
    Node node = Node.of(s, key);
    int id = node.table.find(node.name);
    if (id >= 0) {
      node.table.forget(id);
    }
    if (node.table.scored()) {
      s.lists.restoreStanding(node.kind, node.name, 0);
    }
  }

  /** Returns whether {@code s} holds anything for {@code key}. */
  public static boolean holds(EngineState s, String key) {
    Node node = Node.of(s, key);
    return node.table.find(node.name) >= 0
        || node.table.scored() && s.lists.standing(node.kind, node.name) != 0;
  }

  /** Hands {@code each} the key of every entity {@code s} holds of the kinds kept per entity. */
  public static void forEachKey(EngineState s, java.util.function.Consumer<String> each) {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    forEachName(s.devices, "device:", keys::add);
    forEachName(s.ips, "ip:", keys::add);
    forEachName(s.cells, "cell:", keys::add);
    s.lists.forEachStanding(EntityKind.DEVICE, name -> keys.add("device:" + name));
    s.lists.forEachStanding(EntityKind.IP, name -> keys.add("ip:" + name));
    keys.forEach(each);
  }

  private static void forEachName(
      FeatureTable t, String prefix, java.util.function.Consumer<String> each) {
    for (int id = 0, n = t.size(); id < n; id++) {
      if (t.isLive(id)) {
        each.accept(prefix + t.name(id));
      }
    }
  }

  /** A node key taken apart: its table, name, kind and rule kind. */
  private record Node(FeatureTable table, String name, EntityKind kind, RuleSpec.Kind rules) {
    static Node of(EngineState s, String key) {
      int colon = key.indexOf(':');
      String prefix = colon < 0 ? "" : key.substring(0, colon);
      String name = key.substring(colon + 1);
      return switch (prefix) {
        case "device" -> new Node(s.devices, name, EntityKind.DEVICE, RuleSpec.Kind.DEVICE);
        case "ip" -> new Node(s.ips, name, EntityKind.IP, RuleSpec.Kind.DEVICE);
        // cells are never scored or listed: the kind and rule kind are not read
        case "cell" -> new Node(s.cells, name, EntityKind.DEVICE, RuleSpec.Kind.DEVICE);
        default ->
            throw new IllegalArgumentException(
                "state per entity is kept for handsets, networks and cells only: " + key);
      };
    }
  }
}
