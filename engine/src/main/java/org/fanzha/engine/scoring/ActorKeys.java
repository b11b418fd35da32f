package org.fanzha.engine.scoring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.rules.file.RuleSpec;
import org.jspecify.annotations.Nullable;

/**
 * The keys of the {@link Stage#ACTOR} stage, numbers and accounts as the parties that act, as bytes
 * (decision 0041): a key's slice, reasons and list standing, the pairs it owns (whom it called,
 * paid, was reported by, was paid by as a mule's or victim's payee), the name of its holder and,
 * for an account, of the phone it was registered with. Its other sides are named by their names'
 * hashes, so nothing of it depends on the ids an engine gave.
 */
final class ActorKeys implements StageKeys {
  static final ActorKeys INSTANCE = new ActorKeys();
  private static final byte FORMAT = 1;
  private static final String PHONE = EntityKind.PHONE.wireName() + ":";
  private static final String ACCOUNT = EntityKind.ACCOUNT.wireName() + ":";

  private ActorKeys() {}

  @Override
  public byte @Nullable [] export(EngineState s, String key) throws IOException {
    Actor actor = Actor.of(key);
    FeatureTable t = actor.table(s);
    int id = t.find(actor.name);
    int standing = s.lists.standing(actor.kind, actor.name);
    if (id < 0 && standing == 0) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(FORMAT);
    out.writeBoolean(id >= 0);
    if (id >= 0) {
      KeyBytes.writeUnlinked(out, t, id);
      KeyBytes.writeReasons(out, s, actor.rules(), t, id);
      KeyBytes.writeName(out, s.holders, actor.holder(s, id));
      if (actor.account) {
        KeyBytes.writeName(out, s.accountPhone(id));
      }
      KeyBytes.writePairs(out, s.ownedPairs(actor.account, id));
    }
    out.writeInt(standing);
    return bytes.toByteArray();
  }

  @Override
  public void read(EngineState s, String key, byte[] bytes) throws IOException {
    Actor actor = Actor.of(key);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readByte() != FORMAT) {
      throw new IOException("not a number's or account's state of format " + FORMAT);
    }
    Row row = in.readBoolean() ? Row.read(in, s, actor) : null;
    int standing = in.readInt();
    KeyState.atEnd(in);
    if (row != null) {
      row.putBack(s, actor);
    }
    s.lists.restoreStanding(actor.kind, actor.name, standing);
  }

  /**
   * Forgets the key's row, and with it its pairs and registered phone; its holder's row, a name
   * only here, goes once no row names it ({@link KeyState#letGoUnnamed}).
   */
  @Override
  public void forget(EngineState s, String key) {
    Actor actor = Actor.of(key);
    FeatureTable t = actor.table(s);
    int id = t.find(actor.name);
    if (id >= 0) {
      t.forget(id);
    }
    s.lists.restoreStanding(actor.kind, actor.name, 0);
  }

  @Override
  public boolean holds(EngineState s, String key) {
    Actor actor = Actor.of(key);
    return actor.table(s).find(actor.name) >= 0 || s.lists.standing(actor.kind, actor.name) != 0;
  }

  @Override
  public void forEachKey(EngineState s, Consumer<String> each) {
    KeyState.forEachName(s.phones, PHONE, each);
    KeyState.forEachName(s.accounts, ACCOUNT, each);
    s.lists.forEachStanding(EntityKind.PHONE, n -> each.accept(PHONE + n));
    s.lists.forEachStanding(EntityKind.ACCOUNT, n -> each.accept(ACCOUNT + n));
  }

  /** Forgets an idle key the sweep would have: not a card or account whose opening was seen. */
  @Override
  public boolean forgetIfIdle(EngineState s, String key, long sweptAt, long idleMs, int keepScore) {
    Actor actor = Actor.of(key);
    FeatureTable t = actor.table(s);
    int id = t.find(actor.name);
    if (id < 0
        || sweptAt <= 0
        || idleMs <= 0
        || actor.holder(s, id) >= 0
        || !IdleEntities.idle(t, id, FeatureTable.sec(sweptAt - idleMs), keepScore)) {
      return false;
    }
    forget(s, key);
    return true;
  }

  /** A key taken apart: a number's or an account's, and its name. */
  private record Actor(boolean account, String name, EntityKind kind) {
    static Actor of(String key) {
      if (key.startsWith(PHONE)) {
        return new Actor(false, key.substring(PHONE.length()), EntityKind.PHONE);
      }
      if (key.startsWith(ACCOUNT)) {
        return new Actor(true, key.substring(ACCOUNT.length()), EntityKind.ACCOUNT);
      }
      throw new IllegalArgumentException("not a number or account: " + key);
    }

    FeatureTable table(EngineState s) {
      return account ? s.accounts : s.phones;
    }

    RuleSpec.Kind rules() {
      return account ? RuleSpec.Kind.ACCOUNT : RuleSpec.Kind.PHONE;
    }

    int holder(EngineState s, int id) {
      return account ? s.accounts.holder(id) : s.phones.holder(id);
    }
  }

  /** A key's row as written, read and checked whole before any of it is put back. */
  private record Row(
      int[] slice, String[] codes, @Nullable String holder, @Nullable String phone, int[] pairs) {

    static Row read(DataInput in, EngineState s, Actor actor) throws IOException {
      int[] slice = KeyBytes.readSlice(in, actor.table(s));
      String[] codes = KeyBytes.readCodes(in);
      String holder = KeyBytes.readName(in);
      String phone = actor.account ? KeyBytes.readName(in) : null;
      return new Row(slice, codes, holder, phone, KeyBytes.readPairs(in));
    }

    void putBack(EngineState s, Actor actor) {
      FeatureTable t = actor.table(s);
      int id = t.intern(actor.name);
      t.pasteSlice(id, slice);
      KeyBytes.setReasons(s, actor.rules(), t, id, codes);
      if (holder != null) {
        int h = s.holders.intern(holder);
        if (actor.account) {
          s.accounts.linkTo(id, h, -1);
        } else {
          s.phones.linkTo(id, h, -1);
        }
      }
      s.registerAccountPhone(id, phone);
      s.putBackPairs(actor.account, id, pairs);
    }
  }
}
