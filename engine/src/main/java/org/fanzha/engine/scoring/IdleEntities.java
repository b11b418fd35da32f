package org.fanzha.engine.scoring;

import java.util.BitSet;
import org.fanzha.engine.features.AccountTable;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.features.HolderTable;
import org.fanzha.engine.features.PhoneTable;

/**
 * Forgets the entities of one engine's state that have been idle longer than the book's {@code state.idle_days} and
 * hold nothing (decision 0027): no score at the suspect line, no role, no listing or dealer mark, no open episode.
 * An entity that another one still refers to is kept (an account's registered phone, a number's last long caller, a
 * holder's last opening device and IP, the holder of a card or account kept); a forgotten card or account leaves its
 * holder's list. A forgotten entity that comes back is new: it starts from empty features.
 */
final class IdleEntities {

  private IdleEntities() {}

  /** What one sweep forgot, by kind. */
  record Forgotten(int phones, int accounts, int holders, int devices, int ips, int cells) {
    int total() {
      return phones + accounts + holders + devices + ips + cells;
    }
  }

  /** Forgets what was last seen before {@code now - idleMs} and holds nothing below {@code keepScore}. */
  static Forgotten sweep(EngineState s, long now, long idleMs, int keepScore) {
    int before = FeatureTable.sec(now - idleMs);
    PhoneTable phones = s.phones;
    AccountTable accounts = s.accounts;
    HolderTable holders = s.holders;

    BitSet keptPhones = new BitSet(phones.size());
    s.victims.forEachPhone(keptPhones::set);
    s.persons.forEach(keptPhones::set);
    for (int a = 0, n = accounts.size(); a < n; a++) {
      if (accounts.isLive(a) && accounts.phone(a) >= 0) {
        keptPhones.set(accounts.phone(a));
      }
    }
    for (int p = 0, n = phones.size(); p < n; p++) {
      if (phones.isLive(p) && phones.longCaller(p) >= 0) {
        keptPhones.set(phones.longCaller(p));
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
      if (idle(phones, p, before, keepScore) && !keptPhones.get(p)) {
        unthreadPhone(phones, holders, p);
        phones.forget(p);
        forgottenPhones++;
      }
    }
    int forgottenAccounts = 0;
    for (int a = 0, n = accounts.size(); a < n; a++) {
      if (idle(accounts, a, before, keepScore)) {
        unthreadAccount(accounts, holders, a);
        accounts.forget(a);
        forgottenAccounts++;
      }
    }
    // a holder stays while a card or account names it (in a keyed share that may be one it never listed)
    BitSet keptHolders = new BitSet(holders.size());
    for (int p = 0, n = phones.size(); p < n; p++) {
      if (phones.isLive(p) && phones.holder(p) >= 0) {
        keptHolders.set(phones.holder(p));
      }
    }
    for (int a = 0, n = accounts.size(); a < n; a++) {
      if (accounts.isLive(a) && accounts.holder(a) >= 0) {
        keptHolders.set(accounts.holder(a));
      }
    }
    return new Forgotten(forgottenPhones, forgottenAccounts, forgetIdle(holders, keptHolders, before, keepScore),
        forgetIdle(s.devices, keptDevices, before, keepScore), forgetIdle(s.ips, keptIps, before, keepScore),
        forgetIdle(s.cells, new BitSet(), before, keepScore));
  }

  private static boolean idle(FeatureTable t, int id, int before, int keepScore) {
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

  /** Takes a phone out of its holder's list of cards. */
  private static void unthreadPhone(PhoneTable phones, HolderTable holders, int p) {
    int h = phones.holder(p);
    if (h < 0) {
      return;
    }
    if (holders.firstPhone(h) == p) {
      holders.firstPhone(h, phones.nextSibling(p));
      return;
    }
    for (int q = holders.firstPhone(h); q >= 0; q = phones.nextSibling(q)) {
      if (phones.nextSibling(q) == p) {
        phones.nextSibling(q, phones.nextSibling(p));
        return;
      }
    }
  }

  /** Takes an account out of its holder's list of accounts. */
  private static void unthreadAccount(AccountTable accounts, HolderTable holders, int a) {
    int h = accounts.holder(a);
    if (h < 0) {
      return;
    }
    if (holders.firstAccount(h) == a) {
      holders.firstAccount(h, accounts.nextSibling(a));
      return;
    }
    for (int q = holders.firstAccount(h); q >= 0; q = accounts.nextSibling(q)) {
      if (accounts.nextSibling(q) == a) {
        accounts.nextSibling(q, accounts.nextSibling(a));
        return;
      }
    }
  }
}
