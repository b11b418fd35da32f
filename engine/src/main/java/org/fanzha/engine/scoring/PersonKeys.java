package org.fanzha.engine.scoring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.features.PhoneTable;
import org.fanzha.engine.rules.file.RuleSpec;
import org.jspecify.annotations.Nullable;

/**
 * The keys of the {@link Stage#PERSON} stage, phones as people who may be being defrauded, as bytes
 * (decision 0042): a person's slice and the reasons its row holds, its last long caller by name,
 * the risk held for it as a person, the pairs it owns (whom it talked with), its episode, last long
 * call and lure, and its list standing. The numbers it refers to travel by name, so nothing of it
 * depends on the ids an engine gave.
 */
final class PersonKeys implements StageKeys {
  static final PersonKeys INSTANCE = new PersonKeys();
  private static final byte FORMAT = 1;
  private static final String PHONE = EntityKind.PHONE.wireName() + ":";

  private PersonKeys() {}

  @Override
  public byte @Nullable [] export(EngineState s, String key) throws IOException {
    String name = name(key);
    PhoneTable phones = s.phones;
    int id = phones.find(name);
    int standing = s.lists.standing(EntityKind.PHONE, name);
    if (id < 0 && standing == 0) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(FORMAT);
    out.writeBoolean(id >= 0);
    if (id >= 0) {
      KeyBytes.writeUnlinked(out, phones, id);
      KeyBytes.writeReasons(out, s, RuleSpec.Kind.PHONE, phones, id);
      int caller = phones.longCaller(id);
      KeyBytes.writeName(out, caller >= 0 ? s.numberName(caller) : null);
      out.writeByte(s.persons.score(id));
      out.writeByte(s.persons.roleMask(id));
      KeyBytes.writeReasons(out, s, RuleSpec.Kind.PHONE, s.persons.reasonMask(id));
      KeyBytes.writePairs(out, s.ownedPairs(false, id));
      s.victims.writePerson(out, id);
      out.writeLong(s.sweepSeenBy(id)); // the sweep it has been through: never applied again
    }
    out.writeInt(standing);
    return bytes.toByteArray();
  }

  /** Puts a person back; what it puts back before the bytes fail {@link KeyState} forgets. */
  @Override
  public void read(EngineState s, String key, byte[] bytes) throws IOException {
    String name = name(key);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readByte() != FORMAT) {
      throw new IOException("not a person's state of format " + FORMAT);
    }
    if (in.readBoolean()) {
      PhoneTable phones = s.phones;
      int[] slice = KeyBytes.readSlice(in, phones);
      String[] codes = KeyBytes.readCodes(in);
      String caller = KeyBytes.readName(in);
      int score = in.readUnsignedByte();
      int roles = in.readUnsignedByte();
      String[] personCodes = KeyBytes.readCodes(in);
      int[] pairs = KeyBytes.readPairs(in);
      int id = phones.intern(name);
      KeyBytes.paste(phones, id, slice);
      KeyBytes.setReasons(s, RuleSpec.Kind.PHONE, phones, id, codes);
      if (caller != null) {
        phones.longCaller(id, s.numberRef(caller));
      }
      s.persons.restore(id, score, roles, KeyBytes.mask(s, RuleSpec.Kind.PHONE, personCodes));
      s.putBackPairs(false, id, pairs);
      s.victims.readPerson(in, id, s::numberRef);
      s.sweptWhileKept(id, in.readLong());
    }
    int standing = in.readInt();
    KeyState.atEnd(in);
    s.lists.restoreStanding(EntityKind.PHONE, name, standing);
  }

  /**
   * Forgets the person, its row with its pairs; the numbers it named go once no person here names
   * them ({@link KeyState#letGoUnnamed}).
   */
  @Override
  public void forget(EngineState s, String key) {
    String name = name(key);
    int id = s.phones.find(name);
    if (id >= 0) {
      s.takeSweptWhileKept(id);
      s.victims.forgetPerson(id);
      s.persons.clear(id);
      s.phones.forget(id);
    }
    s.lists.restoreStanding(EntityKind.PHONE, name, 0);
  }

  @Override
  public boolean holds(EngineState s, String key) {
    String name = name(key);
    return s.phones.find(name) >= 0 || s.lists.standing(EntityKind.PHONE, name) != 0;
  }

  @Override
  public void forEachKey(EngineState s, Consumer<String> each) {
    KeyState.forEachName(s.phones, PHONE, each);
    s.lists.forEachStanding(EntityKind.PHONE, n -> each.accept(PHONE + n));
  }

  /**
   * Ends what the episode passes ended while the person was away, and forgets it when the sweep
   * would have (decision 0027), if that sweep ran while it was away: idle, with no episode, lure,
   * long call or risk held as it stood at the sweep. A sweep it had been through is not applied
   * again: a pass since may have ended what kept it then.
   */
  @Override
  public boolean forgetIfIdle(EngineState s, String key, long sweptAt, long idleMs, int keepScore) {
    PhoneTable phones = s.phones;
    int id = phones.find(name(key));
    if (id < 0) {
      return false;
    }
    long seen = s.takeSweptWhileKept(id);
    if (sweptAt > 0 && seen < sweptAt) {
      s.victims.expirePerson(id, true, phones.longCallTs(id), phones.fraudContactTs(id));
      if (idleMs > 0
          && IdleEntities.idle(phones, id, FeatureTable.sec(sweptAt - idleMs), keepScore)
          && !s.victims.holdsPerson(id)
          && !s.persons.holds(id)) {
        forget(s, key);
        return true;
      }
    }
    s.victims.expirePerson(id, false, phones.longCallTs(id), phones.fraudContactTs(id));
    return false;
  }

  private static String name(String key) {
    if (!key.startsWith(PHONE)) {
      throw new IllegalArgumentException("not a person: " + key);
    }
    return key.substring(PHONE.length());
  }
}
