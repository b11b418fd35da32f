package org.fanzha.engine.scoring;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.features.HolderTable;
import org.fanzha.engine.rules.file.RuleSpec;
import org.jspecify.annotations.Nullable;

/**
 * The keys of the {@link Stage#HOLDER} stage as bytes (decision 0040): a holder's slice, reasons
 * and list standing, and the rows its openings made, which nothing but the holder reads there: its
 * cards and accounts (their opening and closed mark) and the handset and network of its last
 * opening. Links between them travel as names: ids differ between engines.
 */
final class HolderKeys implements StageKeys {
  static final HolderKeys INSTANCE = new HolderKeys();
  private static final byte FORMAT = 2;
  private static final String PREFIX = EntityKind.HOLDER.wireName() + ":";

  private HolderKeys() {}

  @Override
  public byte @Nullable [] export(EngineState s, String key) throws IOException {
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
      KeyBytes.writeUnlinked(out, holders, h);
      KeyBytes.writeReasons(out, s, RuleSpec.Kind.HOLDER, holders, h);
      KeyBytes.writeName(out, s.devices, holders.lastDevice(h));
      KeyBytes.writeName(out, s.ips, holders.lastIp(h));
      writeCards(out, s.phones, list(holders.firstPhone(h), s.phones::nextSibling));
      writeCards(out, s.accounts, list(holders.firstAccount(h), s.accounts::nextSibling));
    }
    out.writeInt(standing);
    return bytes.toByteArray();
  }

  @Override
  public void read(EngineState s, String key, byte[] bytes) throws IOException {
    String name = key.substring(PREFIX.length());
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readByte() != FORMAT) {
      throw new IOException("not a holder's state of format " + FORMAT);
    }
    Held held = in.readBoolean() ? Held.read(in, s) : null;
    int standing = in.readInt();
    KeyState.atEnd(in);
    if (held != null) {
      held.putBack(s, name);
    }
    s.lists.restoreStanding(EntityKind.HOLDER, name, standing);
  }

  /**
   * Forgets the holder and its cards' and accounts' rows, which nothing else names here. The rows
   * of its last handset and network may be another holder's too: {@link KeyState#letGoUnnamed}
   * forgets them once none names them.
   */
  @Override
  public void forget(EngineState s, String key) {
    String name = key.substring(PREFIX.length());
    HolderTable holders = s.holders;
    int h = holders.find(name);
    if (h >= 0) {
      forgetOwn(s.phones, list(holders.firstPhone(h), s.phones::nextSibling), h, s.phones::holder);
      forgetOwn(
          s.accounts,
          list(holders.firstAccount(h), s.accounts::nextSibling),
          h,
          s.accounts::holder);
      holders.forget(h);
    }
    s.lists.restoreStanding(EntityKind.HOLDER, name, 0);
  }

  @Override
  public boolean holds(EngineState s, String key) {
    String name = key.substring(PREFIX.length());
    return s.holders.find(name) >= 0 || s.lists.standing(EntityKind.HOLDER, name) != 0;
  }

  @Override
  public void forEachKey(EngineState s, Consumer<String> each) {
    KeyState.forEachName(s.holders, PREFIX, each);
    s.lists.forEachStanding(EntityKind.HOLDER, n -> each.accept(PREFIX + n));
  }

  /** The rows of a list threaded through {@code next}, from {@code first}. */
  /** A holder is a registration: no idle sweep forgets it. */
  @Override
  public boolean mayGoIdle() {
    return false;
  }

  private static IntArrayList list(int first, IntUnaryOperator next) {
    IntArrayList rows = new IntArrayList(4);
    for (int c = first; c >= 0; c = next.applyAsInt(c)) {
      rows.add(c);
    }
    return rows;
  }

  private static void forgetOwn(FeatureTable t, IntArrayList rows, int h, IntUnaryOperator holder) {
    for (int i = 0; i < rows.size(); i++) {
      if (holder.applyAsInt(rows.getInt(i)) == h) {
        t.forget(rows.getInt(i));
      }
    }
  }

  private static void writeCards(DataOutput out, FeatureTable t, IntArrayList rows)
      throws IOException {
    out.writeInt(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      out.writeUTF(t.name(rows.getInt(i)));
      KeyBytes.writeUnlinked(out, t, rows.getInt(i));
    }
  }

  /** A card or account as written: its name and slice. */
  private record Card(String name, int[] slice) {}

  /**
   * A holder's row and what its openings made, read and checked whole before any of it is put back:
   * putting it back cannot fail half way.
   */
  private record Held(
      int[] slice,
      String[] codes,
      @Nullable String device,
      @Nullable String ip,
      Card[] phones,
      Card[] accounts) {

    static Held read(DataInput in, EngineState s) throws IOException {
      int[] slice = KeyBytes.readSlice(in, s.holders);
      String[] codes = KeyBytes.readCodes(in);
      String device = KeyBytes.readName(in);
      String ip = KeyBytes.readName(in);
      return new Held(slice, codes, device, ip, cards(in, s.phones), cards(in, s.accounts));
    }

    private static Card[] cards(DataInput in, FeatureTable t) throws IOException {
      int n = in.readInt();
      if (n < 0 || n > 1 << 20) {
        throw new IOException(n + " cards");
      }
      Set<String> names = new HashSet<>();
      Card[] cards = new Card[n];
      for (int i = 0; i < n; i++) {
        cards[i] = new Card(in.readUTF(), KeyBytes.readSlice(in, t));
        if (!names.add(cards[i].name)) {
          throw new IOException("card " + cards[i].name + " twice");
        }
      }
      return cards;
    }

    /**
     * Puts the holder back as {@code name}, its cards threaded onto its lists in their order. A
     * card another holder holds in this engine now stays that holder's (decision 0040).
     */
    void putBack(EngineState s, String name) {
      HolderTable holders = s.holders;
      int h = holders.intern(name);
      holders.pasteSlice(h, slice);
      KeyBytes.setReasons(s, RuleSpec.Kind.HOLDER, holders, h, codes);
      holders.openedThrough(
          h, device == null ? -1 : s.devices.intern(device), ip == null ? -1 : s.ips.intern(ip));
      int[] phoneIds = place(s.phones, phones, s.phones::holder);
      for (int i = phoneIds.length - 1;
          i >= 0;
          i--) { // pushed last to first: the first stays first
        if (phoneIds[i] >= 0) {
          s.phones.linkTo(phoneIds[i], h, holders.pushPhone(h, phoneIds[i]));
        }
      }
      int[] accountIds = place(s.accounts, accounts, s.accounts::holder);
      for (int i = accountIds.length - 1; i >= 0; i--) {
        if (accountIds[i] >= 0) {
          s.accounts.linkTo(accountIds[i], h, holders.pushAccount(h, accountIds[i]));
        }
      }
    }

    /** Puts each card's row in {@code t}: its id, or -1 for one another holder holds here. */
    private static int[] place(FeatureTable t, Card[] cards, IntUnaryOperator holder) {
      int[] ids = new int[cards.length];
      for (int i = 0; i < cards.length; i++) {
        int id = t.find(cards[i].name);
        if (id >= 0 && holder.applyAsInt(id) >= 0) {
          ids[i] = -1;
        } else {
          ids[i] = id >= 0 ? id : t.intern(cards[i].name);
          t.pasteSlice(ids[i], cards[i].slice);
        }
      }
      return ids;
    }
  }
}
