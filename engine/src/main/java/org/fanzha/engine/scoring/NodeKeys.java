package org.fanzha.engine.scoring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.rules.file.RuleSpec;
import org.jspecify.annotations.Nullable;

/**
 * The keys of the {@link Stage#NODE} stage (handsets, networks, radio cells) as bytes: their steps
 * write nothing but the key's own slice and list standing, so that is all a key holds.
 */
final class NodeKeys implements StageKeys {
  static final NodeKeys INSTANCE = new NodeKeys();
  private static final byte FORMAT = 1;

  private NodeKeys() {}

  @Override
  public byte @Nullable [] export(EngineState s, String key) throws IOException {
    Node node = Node.of(s, key);
    FeatureTable t = node.table;
    int id = t.find(node.name);
    int standing = t.scored() ? s.lists.standing(node.kind, node.name) : 0;
    if (id < 0 && standing == 0) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 4 * t.sliceWords());
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(FORMAT);
    out.writeShort(id < 0 ? 0 : t.sliceWords());
    if (id >= 0) {
      int[] slice = new int[t.sliceWords()];
      t.copySlice(id, slice);
      for (int w : slice) {
        out.writeInt(w);
      }
      if (t.scored()) {
        KeyBytes.writeReasons(out, s, node.rules, t, id);
      }
    }
    out.writeInt(standing);
    return bytes.toByteArray();
  }

  @Override
  public void read(EngineState s, String key, byte[] bytes) throws IOException {
    Node node = Node.of(s, key);
    FeatureTable t = node.table;
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readByte() != FORMAT) {
      throw new IOException("not a node's state of format " + FORMAT);
    }
    int words = in.readShort();
    if (words > 0) {
      int[] slice = new int[words];
      for (int i = 0; i < words; i++) {
        slice[i] = in.readInt();
      }
      int id = t.intern(node.name);
      KeyBytes.paste(t, id, slice);
      if (t.scored()) {
        KeyBytes.setReasons(s, node.rules, t, id, KeyBytes.readCodes(in));
      }
    }
    int standing = in.readInt();
    KeyState.atEnd(in);
    if (t.scored()) {
      s.lists.restoreStanding(node.kind, node.name, standing);
    }
  }

  @Override
  public boolean forgetIfIdle(EngineState s, String key, long sweptAt, long idleMs, int keepScore) {
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

  @Override
  public void forget(EngineState s, String key) {
    Node node = Node.of(s, key);
    int id = node.table.find(node.name);
    if (id >= 0) {
      node.table.forget(id);
    }
    if (node.table.scored()) {
      s.lists.restoreStanding(node.kind, node.name, 0);
    }
  }

  @Override
  public boolean holds(EngineState s, String key) {
    Node node = Node.of(s, key);
    return node.table.find(node.name) >= 0
        || node.table.scored() && s.lists.standing(node.kind, node.name) != 0;
  }

  @Override
  public void forEachKey(EngineState s, Consumer<String> each) {
    KeyState.forEachName(s.devices, "device:", each);
    KeyState.forEachName(s.ips, "ip:", each);
    KeyState.forEachName(s.cells, "cell:", each);
    s.lists.forEachStanding(EntityKind.DEVICE, name -> each.accept("device:" + name));
    s.lists.forEachStanding(EntityKind.IP, name -> each.accept("ip:" + name));
  }

  /** A node key taken apart: its table, name, kind and rule kind. */
  private record Node(FeatureTable table, String name, EntityKind kind, RuleSpec.Kind rules) {
    static Node of(EngineState s, String key) {
      int colon = key.indexOf(':');
      String name = key.substring(colon + 1);
      return switch (colon < 0 ? "" : key.substring(0, colon)) {
        case "device" -> new Node(s.devices, name, EntityKind.DEVICE, RuleSpec.Kind.DEVICE);
        case "ip" -> new Node(s.ips, name, EntityKind.IP, RuleSpec.Kind.DEVICE);
        // cells are never scored or listed: the kind and rule kind are not read
        case "cell" -> new Node(s.cells, name, EntityKind.DEVICE, RuleSpec.Kind.DEVICE);
        default -> throw new IllegalArgumentException("not a handset, network or cell: " + key);
      };
    }
  }
}
