package org.fanzha.engine.scoring;

import java.util.Objects;
import org.fanzha.core.event.ClosingEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.engine.features.AccountTable;
import org.fanzha.engine.features.Distinct;
import org.fanzha.engine.features.FeatureTable;
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

  /** The handset a card or account was opened from: one more holder on it; then its score. */
  void handset(OpeningEvent o, Facts f) {
    int dev =
        s.devices.intern(
            Objects.requireNonNull(
                o.device())); // the part is made only for an opening that names it
    s.devices.openedBy(dev, o.ts(), FeatureTable.nameHash(o.holder()));
    f.deviceHolders = s.devices.holders(dev, o.ts());
    eval.node(s.devices, EntityKind.DEVICE, dev, o.ts());
  }

  /** The IP a card or account was opened from: one more holder on it; then its score. */
  void network(OpeningEvent o, Facts f) {
    int ip = s.ips.intern(Objects.requireNonNull(o.ip()));
    s.ips.openedBy(ip, o.ts(), FeatureTable.nameHash(o.holder()));
    f.ipHolders = s.ips.holders(ip, o.ts());
    eval.node(s.ips, EntityKind.IP, ip, o.ts());
  }

  /**
   * The holder: openings by kind, channel, handset and region, handsets and IPs shared with other
   * holders, the card in its list; then its score. A dealer's handset and network are marked by a
   * request (decision 0023).
   */
  void holder(OpeningEvent o, Facts f) {
    HolderTable holders = s.holders;
    long ts = o.ts();
    int h = holders.intern(o.holder());
    tally.primary(EntityKind.HOLDER, h, o.holder());
    int counter = counter(o.kind());
    holders.opened(h, ts, counter, hash(o.channel()), hash(o.device()), hash(o.region()));
    int dev = -1;
    int ip = -1;
    if (o.device() != null) {
      dev = s.devices.intern(o.device());
      holders.sharedOpening(h, f.deviceHolders);
    }
    if (o.ip() != null) {
      ip = s.ips.intern(o.ip());
      holders.sharedOpening(h, f.ipHolders);
    }
    holders.openedThrough(h, dev, ip);
    f.dealer = eval.isDealer(h);
    FeatureTable cards;
    int card;
    int before;
    if (o.kind() == OpeningKind.SIM) {
      cards = s.phones;
      card = s.phones.intern(o.account());
      before = s.phones.holder(card);
      if (before < 0) {
        s.phones.opened(card, ts, h, holders.pushPhone(h, card));
      }
    } else {
      cards = s.accounts;
      card = s.accounts.intern(o.account());
      before = s.accounts.holder(card);
      if (before < 0) {
        s.accounts.opened(card, ts, h, holders.pushAccount(h, card), -1);
        // kept where it is read (not a keyed share's holder stage: decisions 0040, 0041)
        s.registerAccountPhone(card, o.phone());
      }
    }
    boolean own = before < 0 || before == h;
    boolean closed = (cards.flags(card) & FeatureTable.FLAG_CLOSED) != 0;
    // the holder's own card opened again while held (a replacement SIM, a resent record): one card
    boolean heldAlready = before == h && !closed;
    if (heldAlready) {
      holders.released(h, counter);
    } else if (own) {
      cards.clearFlags(card, FeatureTable.FLAG_CLOSED); // opened again: held, and counted, again
    }
    eval.holder(h, ts);
    if (eval.refusedByEventRule() && !heldAlready) {
      holders.released(h, counter); // past the card limit: refused, so not a card held
      if (own) {
        cards.setFlags(card, FeatureTable.FLAG_CLOSED); // nor taken off again by a closing of it
      }
    }
    if (f.dealer) {
      eval.links().dealerUsed(dev, ip, ts);
    }
  }

  /**
   * The card or account opened: who opened it, and when, marked when a dealer did; then its score.
   */
  void card(OpeningEvent o, Facts f) {
    long ts = o.ts();
    int h = s.holders.intern(o.holder());
    if (o.kind() == OpeningKind.SIM) {
      PhoneTable phones = s.phones;
      int p = phones.intern(o.account());
      tally.party(EntityKind.PHONE, p, o.account());
      if (phones.holder(p) < 0) {
        phones.opened(p, ts, h, -1);
      }
      if (f.dealer) {
        phones.setFlags(p, PhoneTable.FLAG_DEALER_LINKED);
      }
      eval.phone(p, ts);
    } else {
      AccountTable accounts = s.accounts;
      int acc = accounts.intern(o.account());
      tally.party(EntityKind.ACCOUNT, acc, o.account());
      if (accounts.holder(acc) < 0) {
        accounts.opened(acc, ts, h, -1, -1);
        s.registerAccountPhone(acc, o.phone());
      }
      if (f.dealer) {
        accounts.setFlags(acc, AccountTable.FLAG_DEALER_LINKED);
      }
      eval.account(acc, ts);
    }
  }

  /**
   * A card or account closed: it leaves its holder's totals, once, if this holder opened it here (a
   * closing of one the engine never saw opened, or another's, changes nothing). The holder's step,
   * so the keyed runner runs it where the holder's cards are counted; no decision.
   */
  void closed(ClosingEvent c) {
    int h = s.holders.find(c.holder());
    tally.primary(EntityKind.HOLDER, h, c.holder()); // the decision, empty, names the holder
    if (h < 0) {
      return;
    }
    FeatureTable cards = c.kind() == OpeningKind.SIM ? s.phones : s.accounts;
    int card = cards.find(c.account());
    boolean held =
        card >= 0
            && (c.kind() == OpeningKind.SIM ? s.phones.holder(card) : s.accounts.holder(card)) == h
            && (cards.flags(card) & FeatureTable.FLAG_CLOSED) == 0;
    if (held) {
      cards.setFlags(card, FeatureTable.FLAG_CLOSED);
      s.holders.released(h, counter(c.kind()));
    }
  }

  private static int counter(OpeningKind kind) {
    return switch (kind) {
      case SIM -> HolderTable.SIM;
      case BANK_ACCOUNT -> HolderTable.BANK;
      case PAYMENT_ACCOUNT -> HolderTable.PAYMENT;
      default -> HolderTable.INTERNET;
    };
  }

  private static int hash(@Nullable String v) {
    return v == null ? 0 : Distinct.mix(v.hashCode()) | 1;
  }
}
