package org.fanzha.engine.scoring;

import java.util.BitSet;
import org.fanzha.engine.features.AccountTable;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.features.HolderTable;
import org.fanzha.engine.features.Interner;
import org.fanzha.engine.features.PhoneTable;

/**
 * Forgets the entities of one engine's state that have been idle longer than the book's {@code
 * state.idle_days} and hold nothing (decision 0027): no score at the suspect line, no role, no
 * listing or dealer mark, no open episode. Registrations are kept: holders, and the cards and
 * accounts whose opening was seen, as the registry they mirror (a keyed engine's holder stage never
 * sees its cards used, so it could not tell an idle card from a busy one). An entity that another
 * one still refers to is kept (an account's registered phone, a number's last long caller, a
 * holder's last opening device and IP). A forgotten entity that comes back is new: it starts from
 * empty features.
 */
final class IdleEntities {

  private IdleEntities() {}

  /** What one sweep forgot, by kind. */
  record Forgotten(int phones, int accounts, int devices, int ips, int cells) {
    int total() {
      return phones + accounts + devices + ips + cells;
    }
  }

  /**
   * Forgets what was last seen before {@code now - idleMs} and holds nothing below {@code
   * keepScore}.
   */
  static Forgotten sweep(EngineState s, long now, long idleMs, int keepScore) {
    return sweep(s, FeatureTable.sec(now - idleMs), keepScore);
  }

  /**
   * Forgets what holds nothing below {@code keepScore} and is named by nothing, however recently
   * seen: in a share whose keys are kept apart, what the keys let go left behind (decision 0040).
   * Holders are kept, and so is every card and account a holder here has opened.
   */
  static Forgotten forgetUnnamed(EngineState s, int keepScore) {
    return sweep(s, Integer.MAX_VALUE, keepScore);
  }

  /**
   * Forgets the holders no card or account here names: in a share of numbers and accounts, a holder
   * is a name its cards carry and nothing more (decision 0041).
   */
  static int forgetUnnamedHolders(EngineState s) {
    BitSet named = new BitSet(s.holders.size());
    for (int p = 0, n = s.phones.size(); p < n; p++) {
      if (s.phones.isLive(p) && s.phones.holder(p) >= 0) {
        named.set(s.phones.holder(p));
      }
    }
    for (int a = 0, n = s.accounts.size(); a < n; a++) {
      if (s.accounts.isLive(a) && s.accounts.holder(a) >= 0) {
        named.set(s.accounts.holder(a));
      }
    }
    int forgotten = 0;
    for (int h = 0, n = s.holders.size(); h < n; h++) {
      if (s.holders.isLive(h) && !named.get(h)) {
        s.holders.forget(h);
        forgotten++;
      }
    }
    return forgotten;
  }

  /**
   * Forgets the numbers people here no longer refer to, and any account's row: in a share of people
   * (decision 0042), a number is a name its people carry, and an account is never one of its keys.
   */
  static int forgetUnnamedNumbers(EngineState s) {
    Interner numbers = s.numbersApartFromPeople();
    if (numbers == null) {
      return 0;
    }
    BitSet named = new BitSet(numbers.size());
    s.victims.forEachNumber(named::set);
    for (int p = 0, n = s.phones.size(); p < n; p++) {
      if (s.phones.isLive(p) && s.phones.longCaller(p) >= 0) {
        named.set(s.phones.longCaller(p));
      }
    }
    int forgotten = 0;
    for (int id = 0, n = numbers.size(); id < n; id++) {
      if (!named.get(id) && numbers.remove(id)) {
        forgotten++;
      }
    }
    for (int a = 0, n = s.accounts.size(); a < n; a++) {
      if (s.accounts.isLive(a)) {
        s.accounts.forget(a);
        forgotten++;
      }
    }
    return forgotten;
  }

  private static Forgotten sweep(EngineState s, int before, int keepScore) {
    PhoneTable phones = s.phones;
    AccountTable accounts = s.accounts;
    HolderTable holders = s.holders;

    BitSet keptPhones = new BitSet(phones.size());
    s.victims.forEachPerson(keptPhones::set);
    s.persons.forEach(keptPhones::set);
    for (int a = 0, n = accounts.size(); a < n; a++) {
      if (accounts.isLive(a) && accounts.phone(a) >= 0) {
        keptPhones.set(accounts.phone(a));
      }
    }
    if (s.numbersApartFromPeople() == null) { // the numbers people refer to are phones here
      s.victims.forEachNumber(keptPhones::set);
      for (int p = 0, n = phones.size(); p < n; p++) {
        if (phones.isLive(p) && phones.longCaller(p) >= 0) {
          keptPhones.set(phones.longCaller(p));
        }
      }
    }
    BitSet keptDevices = new BitSet(s.devices.size());
    BitSet keptIps = new BitSet(s.ips.size());
    for (int h = 0, n = holders.size(); h < n; h++) {
      if (holders.isLive(h)) {
        if (holders.lastDevice(h) >= 0) {
          keptDevices.set(holders.lastDevice(h));
        }
        if (holders.lastIp(h) >= 0) {
          keptIps.set(holders.lastIp(h));
        }
      }
    }

    int forgottenPhones = 0;
    for (int p = 0, n = phones.size(); p < n; p++) {
      if (phones.holder(p) < 0 && idle(phones, p, before, keepScore) && !keptPhones.get(p)) {
        phones.forget(p);
        forgottenPhones++;
      }
    }
    int forgottenAccounts = 0;
    for (int a = 0, n = accounts.size(); a < n; a++) {
      if (accounts.holder(a) < 0 && idle(accounts, a, before, keepScore)) {
        accounts.forget(a);
        forgottenAccounts++;
      }
    }
    return new Forgotten(
        forgottenPhones,
        forgottenAccounts,
        forgetIdle(s.devices, keptDevices, before, keepScore),
        forgetIdle(s.ips, keptIps, before, keepScore),
        forgetIdle(s.cells, new BitSet(), before, keepScore));
  }

  static boolean idle(FeatureTable t, int id, int before, int keepScore) {
    return t.isLive(id) && t.lastSeen(id) < before && t.holdsNothing(id, keepScore);
  }

  /** Forgets the idle entities of a table that nothing in {@code kept} refers to. */
  private static int forgetIdle(FeatureTable t, BitSet kept, int before, int keepScore) {
    int forgotten = 0;
    for (int id = 0, n = t.size(); id < n; id++) {
      if (idle(t, id, before, keepScore) && !kept.get(id)) {
        t.forget(id);
        forgotten++;
      }
    }
    return forgotten;
  }
}
