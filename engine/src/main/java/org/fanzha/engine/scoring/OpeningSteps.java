package org.fanzha.engine.scoring;

import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.engine.features.AccountTable;
import org.fanzha.engine.features.Distinct;
import org.fanzha.engine.features.HolderTable;
import org.fanzha.engine.features.PhoneTable;
import org.jspecify.annotations.Nullable;

/**
 * Openings of SIM cards and accounts: the holder's opening counters by kind, channel, handset and
 * region, handsets and IPs shared between holders; what a suspected card dealer opens is marked.
 */
public final class OpeningSteps {
  private final EngineState s;
  private final Evaluation eval;
  private final DecisionTally tally;

  public OpeningSteps(EngineState s, Evaluation eval, DecisionTally tally) {
    this.s = s;
    this.eval = eval;
    this.tally = tally;
  }

  public void opening(OpeningEvent o) {
    HolderTable holders = s.holders;
    long ts = o.ts();
    int h = holders.intern(o.holder());
    tally.primary(EntityKind.HOLDER, h, o.holder());
    int counter = switch (o.kind()) {
      case SIM -> HolderTable.SIM;
      case BANK_ACCOUNT -> HolderTable.BANK;
      case PAYMENT_ACCOUNT -> HolderTable.PAYMENT;
      default -> HolderTable.INTERNET;
    };
    holders.opened(h, ts, counter, hash(o.channel()), hash(o.device()), hash(o.region()));
    int dev = -1;
    int ip = -1;
    if (o.device() != null) {
      dev = s.devices.intern(o.device());
      s.devices.openedBy(dev, ts, h);
      holders.sharedOpening(h, s.devices.holders(dev, ts));
    }
    if (o.ip() != null) {
      ip = s.ips.intern(o.ip());
      s.ips.openedBy(ip, ts, h);
      holders.sharedOpening(h, s.ips.holders(ip, ts));
    }
    holders.openedThrough(h, dev, ip);
    boolean dealer = eval.isDealer(h);
    if (o.kind() == OpeningKind.SIM) {
      PhoneTable phones = s.phones;
      int p = phones.intern(o.account());
      tally.party(EntityKind.PHONE, p, o.account());
      if (phones.holder(p) < 0) {
        phones.opened(p, ts, h, holders.pushPhone(h, p));
      }
      if (dealer) {
        phones.setFlags(p, PhoneTable.FLAG_DEALER_LINKED);
      }
      eval.holder(h, ts);
      eval.phone(p, ts);
    } else {
      AccountTable accounts = s.accounts;
      int acc = accounts.intern(o.account());
      tally.party(EntityKind.ACCOUNT, acc, o.account());
      int phone = o.phone() != null ? s.phones.intern(o.phone()) : -1;
      if (accounts.holder(acc) < 0) {
        accounts.opened(acc, ts, h, holders.pushAccount(h, acc), phone);
      }
      if (dealer) {
        accounts.setFlags(acc, AccountTable.FLAG_DEALER_LINKED);
      }
      eval.holder(h, ts);
      eval.account(acc, ts);
    }
    if (dev >= 0) {
      eval.node(s.devices, EntityKind.DEVICE, dev, ts);
    }
    if (ip >= 0) {
      eval.node(s.ips, EntityKind.IP, ip, ts);
    }
    if (dealer) {
      // the handset and network a dealer opens cards from: marked by a request to them (decision 0023)
      eval.links().dealerUsed(dev, ip, ts);
    }
  }

  private static int hash(@Nullable String v) {
    return v == null ? 0 : Distinct.mix(v.hashCode()) | 1;
  }
}
