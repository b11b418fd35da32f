package org.fanzha.engine.scoring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.features.AccountTable;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.features.HolderTable;
import org.fanzha.engine.features.PhoneTable;
import org.fanzha.engine.rules.file.RuleSpec;
import org.jspecify.annotations.Nullable;

/**
 * The keys of the {@link Stage#HOLDER} stage as bytes: a holder's slice, reasons and list standing,
 * and the rows its openings made, which nothing but the holder reads there: its cards and accounts
 * (their opening, closed mark and registered phone) and the handset and network of its last
 * opening. Links between them travel as names: ids differ between engines.
 */
final class HolderKeys {
  private static final byte FORMAT = 2;
  private static final String PREFIX = EntityKind.HOLDER.wireName() + ":";

  private HolderKeys() {}

  static boolean isKey(String key) {
    return key.startsWith(PREFIX);
  }

  static byte @Nullable [] export(EngineState s, String key) throws IOException {
    String name = key.substring(PREFIX.length());
    HolderTable holders = s.holders;
    int h = holders.find(name);
    int standing = s.lists.standing(EntityKind.HOLDER, name);
    if (h < 0 && standing == 0) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(FORMAT);
    out.writeBoolean(h >= 0);
    if (h >= 0) {
      writeSlice(out, holders, h);
      KeyBytes.writeReasons(out, s, RuleSpec.Kind.HOLDER, holders, h);
      writeName(out, s.devices, holders.lastDevice(h));
      writeName(out, s.ips, holders.lastIp(h));
      PhoneTable phones = s.phones;
      out.writeShort(count(holders.firstPhone(h), phones::nextSibling));
      for (int p = holders.firstPhone(h); p >= 0; p = phones.nextSibling(p)) {
        out.writeUTF(phones.name(p));
        writeSlice(out, phones, p);
      }
      AccountTable accounts = s.accounts;
      out.writeShort(count(holders.firstAccount(h), accounts::nextSibling));
      for (int a = holders.firstAccount(h); a >= 0; a = accounts.nextSibling(a)) {
        out.writeUTF(accounts.name(a));
        writeSlice(out, accounts, a);
        writeName(out, phones, accounts.phone(a));
      }
    }
    out.writeInt(standing);
    return bytes.toByteArray();
  }

  static void read(EngineState s, String key, byte[] bytes) throws IOException {
    String name = key.substring(PREFIX.length());
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readByte() != FORMAT) {
      throw new IOException("not a holder's state of format " + FORMAT);
    }
    Held held = in.readBoolean() ? Held.read(in) : null;
    int standing = in.readInt();
    KeyState.atEnd(in);
    if (held != null) {
      held.putBack(s, name);
    }
    s.lists.restoreStanding(EntityKind.HOLDER, name, standing);
  }

  /** Holders are registrations: an idle sweep never forgets one (decision 0027). */
  static boolean forgetIfIdle() {
    return false;
  }

  /**
   * Forgets the holder and empties its cards' rows. They stay, each as a name that a sweep forgets
   * once idle and named by nothing: another holder's account here may name one as its phone.
   */
  static void forget(EngineState s, String key) {
    String name = key.substring(PREFIX.length());
    HolderTable holders = s.holders;
    int h = holders.find(name);
    if (h >= 0) {
      for (int p = holders.firstPhone(h), next; p >= 0; p = next) {
        next = s.phones.nextSibling(p);
        if (s.phones.holder(p) == h) {
          s.phones.clearSlice(p);
        }
      }
      for (int a = holders.firstAccount(h), next; a >= 0; a = next) {
        next = s.accounts.nextSibling(a);
        if (s.accounts.holder(a) == h) {
          s.accounts.clearSlice(a);
        }
      }
      holders.forget(h);
    }
    s.lists.restoreStanding(EntityKind.HOLDER, name, 0);
  }

  static boolean holds(EngineState s, String key) {
    String name = key.substring(PREFIX.length());
    return s.holders.find(name) >= 0 || s.lists.standing(EntityKind.HOLDER, name) != 0;
  }

  static void forEachKey(EngineState s, Consumer<String> each) {
    KeyState.forEachName(s.holders, PREFIX, each);
    s.lists.forEachStanding(EntityKind.HOLDER, n -> each.accept(PREFIX + n));
  }

  private static int count(int first, java.util.function.IntUnaryOperator next) {
    int n = 0;
    for (int c = first; c >= 0; c = next.applyAsInt(c)) {
      n++;
    }
    return n;
  }

  private static void writeSlice(DataOutput out, FeatureTable t, int id) throws IOException {
    int[] slice = new int[t.sliceWords()];
    t.copySliceUnlinked(id, slice);
    KeyBytes.writeSparse(out, slice);
  }

  private static void writeName(DataOutput out, FeatureTable t, int id) throws IOException {
    out.writeBoolean(id >= 0);
    if (id >= 0) {
      out.writeUTF(t.name(id));
    }
  }

  private static @Nullable String readName(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  /** A card or account as written: its name, slice and (accounts) registered phone. */
  private record Card(String name, int[] slice, @Nullable String phone) {}

  /** A holder's row and what its openings made, read whole before any of it is put back. */
  private record Held(
      int[] slice,
      String[] codes,
      @Nullable String device,
      @Nullable String ip,
      Card[] phones,
      Card[] accounts) {

    static Held read(DataInputStream in) throws IOException {
      int[] slice = KeyBytes.readSparse(in);
      String[] codes = KeyBytes.readCodes(in);
      String device = readName(in);
      String ip = readName(in);
      Card[] phones = new Card[in.readUnsignedShort()];
      for (int i = 0; i < phones.length; i++) {
        phones[i] = new Card(in.readUTF(), KeyBytes.readSparse(in), null);
      }
      Card[] accounts = new Card[in.readUnsignedShort()];
      for (int i = 0; i < accounts.length; i++) {
        accounts[i] = new Card(in.readUTF(), KeyBytes.readSparse(in), readName(in));
      }
      return new Held(slice, codes, device, ip, phones, accounts);
    }

    /**
     * Puts the holder back as {@code name}, its cards threaded onto its lists in their order. A
     * card another holder holds here now is left to that holder (decision 0038: two holders of one
     * card each kept their own row, and one engine has room for one).
     */
    void putBack(EngineState s, String name) throws IOException {
      HolderTable holders = s.holders;
      int h = holders.intern(name);
      KeyBytes.paste(holders, h, slice);
      KeyBytes.setReasons(s, RuleSpec.Kind.HOLDER, holders, h, codes);
      holders.openedThrough(
          h, device == null ? -1 : s.devices.intern(device), ip == null ? -1 : s.ips.intern(ip));
      int[] phoneIds = new int[phones.length];
      for (int i = 0; i < phones.length; i++) {
        phoneIds[i] = card(s.phones, phones[i], s.phones::holder);
      }
      for (int i = phones.length - 1; i >= 0; i--) { // pushed last to first: the first stays first
        if (phoneIds[i] >= 0) {
          s.phones.linkTo(phoneIds[i], h, holders.pushPhone(h, phoneIds[i]));
        }
      }
      int[] accountIds = new int[accounts.length];
      for (int i = 0; i < accounts.length; i++) {
        accountIds[i] = card(s.accounts, accounts[i], s.accounts::holder);
        String phone = accounts[i].phone;
        if (accountIds[i] >= 0 && phone != null) {
          int p = s.phones.find(phone); // one of its own cards keeps the second it was last seen
          s.accounts.phone(accountIds[i], p >= 0 ? p : s.phones.intern(phone));
        }
      }
      for (int i = accounts.length - 1; i >= 0; i--) {
        if (accountIds[i] >= 0) {
          s.accounts.linkTo(accountIds[i], h, holders.pushAccount(h, accountIds[i]));
        }
      }
    }

    private static int card(FeatureTable t, Card c, java.util.function.IntUnaryOperator holderOf)
        throws IOException {
      int id = t.find(c.name);
      if (id >= 0 && holderOf.applyAsInt(id) >= 0) {
        return -1;
      }
      id = t.intern(c.name);
      KeyBytes.paste(t, id, c.slice);
      return id;
    }
  }
}
