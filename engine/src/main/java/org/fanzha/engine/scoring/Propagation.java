package org.fanzha.engine.scoring;

import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.engine.Level;
import org.fanzha.engine.features.AccountTable;
import org.fanzha.engine.features.HolderTable;
import org.fanzha.engine.features.NodeTable;
import org.fanzha.engine.features.PhoneTable;

/**
 * Carries a verdict along the links the law names: a fraud number or mule counts against the holder
 * who opened it; a card dealer marks every card and account it opened (and the device and IP it
 * opened them from); a caller who becomes suspected turns the quiet episodes it started into
 * warnings. Each link is followed once (a flag remembers it), so a cascade is bounded by the
 * entities it reaches; each entity reached is evaluated again.
 *
 * <p>A link reaches entities the event does not name, so it is followed after the event's decision ({@link
 * #settle}), in the order asked: what a keyed runner's feedback path does (decision 0023). The event's decision
 * is about the parties it names; what the cascade finds shows in held risks and warnings.
 */
final class Propagation {
  private static final int CALLER_SUSPECTED = 1;
  private static final int NUMBER_TO_HOLDER = 2;
  private static final int MULE_TO_HOLDER = 3;
  private static final int DEALER_TO_CARDS = 4;
  private static final int MULE_MONEY = 5;
  private static final int VICTIM_MONEY = 6;
  private static final int VICTIM_OF = 7;
  private static final int DEALER_DEVICE = 8;
  private static final int DEALER_IP = 9;

  private final EngineState s;
  private final RulesInForce r;
  private final DecisionTally tally;
  private final Evaluation eval;
  private final Feedback asked = new Feedback();

  Propagation(EngineState s, RulesInForce r, DecisionTally tally, Evaluation eval) {
    this.s = s;
    this.r = r;
    this.tally = tally;
    this.eval = eval;
  }

  /** The caller of quiet episodes (a long call, then a screen share) is suspected now: warn them. */
  void callerSuspected(int p, long now) {
    asked.add(CALLER_SUSPECTED, p, -1, now);
  }

  void fraudNumberToHolder(int p, long now) {
    asked.add(NUMBER_TO_HOLDER, p, -1, now);
  }

  void muleToHolder(int a, long now) {
    asked.add(MULE_TO_HOLDER, a, -1, now);
  }

  void dealerToCards(int h, long now) {
    asked.add(DEALER_TO_CARDS, h, -1, now);
  }

  /** Money from a suspected or tainted mule, passed on fast, reached account {@code b}: counted once per payer. */
  void muleMoney(int a, int b, long now) {
    asked.add(MULE_MONEY, a, b, now);
  }

  /** A person in a fraud episode paid account {@code b} for the first time: counted once per victim. */
  void victimMoney(int v, int b, long now) {
    asked.add(VICTIM_MONEY, v, b, now);
  }

  /** Number {@code f} reached victim {@code v} (a long first call, then money): counted once per victim. */
  void victimOf(int f, int v, long now) {
    asked.add(VICTIM_OF, f, v, now);
  }

  /** A card dealer opened a card from this handset and network ({@code -1}: none given). */
  void dealerUsed(int device, int ip, long now) {
    if (device >= 0) {
      asked.add(DEALER_DEVICE, device, -1, now);
    }
    if (ip >= 0) {
      asked.add(DEALER_IP, ip, -1, now);
    }
  }

  /** Follows every link asked for while the event was scored, and those they lead to, oldest first. */
  void settle() {
    while (asked.poll()) {
      int id = asked.a;
      long now = asked.ts;
      switch (asked.op) {
        case CALLER_SUSPECTED -> warnQuietEpisodes(id, now);
        case NUMBER_TO_HOLDER -> numberToHolder(id, now);
        case MULE_TO_HOLDER -> accountToHolder(id, now);
        case DEALER_TO_CARDS -> markCards(id, now);
        case MULE_MONEY -> {
          if (!s.pairs.testAndSet(EngineState.PAIR_MULE_PAY, id, asked.b)) {
            s.accounts.muleInflow(asked.b, now);
            scoreUnlessVictim(asked.b, now);
          }
        }
        case VICTIM_MONEY -> {
          if (!s.pairs.testAndSet(EngineState.PAIR_VICTIM_PAY, id, asked.b)) {
            s.accounts.victimInflow(asked.b, now);
            scoreUnlessVictim(asked.b, now);
          }
        }
        case DEALER_DEVICE -> markDealerNode(s.devices, EntityKind.DEVICE, id, now);
        case DEALER_IP -> markDealerNode(s.ips, EntityKind.IP, id, now);
        case VICTIM_OF -> {
          if (!s.pairs.testAndSet(EngineState.PAIR_VICTIM_LINK, id, asked.b)) {
            s.phones.linkVictim(id);
            eval.phone(id, now);
          }
        }
        default -> throw new IllegalStateException("unknown link " + asked.op);
      }
    }
  }

  /** Scores an account again with money it received, unless it is a victim's own (a brushing gang's rebate). */
  private void scoreUnlessVictim(int b, long now) {
    if (!s.accounts.hasRole(b, Role.VICTIM)) {
      eval.account(b, now);
    }
  }

  private void warnQuietEpisodes(int p, long now) {
    s.victims.callerSuspected(p, Level.HIGH, now, tally.eventId(), s.phones::name, v -> {
      s.phones.setFlags(v, PhoneTable.FLAG_EPISODE);
      eval.person(v, now);
    });
  }

  private void numberToHolder(int p, long now) {
    if ((s.phones.flags(p) & PhoneTable.FLAG_COUNTED_FOR_HOLDER) != 0) {
      return;
    }
    int h = s.phones.holder(p);
    if (h >= 0) {
      s.phones.setFlags(p, PhoneTable.FLAG_COUNTED_FOR_HOLDER);
      s.holders.linkFraud(h);
      eval.holder(h, now);
    }
  }

  private void accountToHolder(int a, long now) {
    if ((s.accounts.flags(a) & AccountTable.FLAG_COUNTED_FOR_HOLDER) != 0) {
      return;
    }
    int h = s.accounts.holder(a);
    if (h >= 0) {
      s.accounts.setFlags(a, AccountTable.FLAG_COUNTED_FOR_HOLDER);
      s.holders.linkFraud(h);
      eval.holder(h, now);
    }
  }

  boolean isDealer(int h) {
    return s.holders.score(h) >= r.params.propagate && s.holders.hasRole(h, Role.CARD_DEALER);
  }

  private void markCards(int h, long now) {
    if ((s.holders.flags(h) & HolderTable.FLAG_DEALER_PROPAGATED) != 0) {
      return;
    }
    s.holders.setFlags(h, HolderTable.FLAG_DEALER_PROPAGATED);
    for (int p = s.holders.firstPhone(h); p >= 0; p = s.phones.nextSibling(p)) {
      s.phones.setFlags(p, PhoneTable.FLAG_DEALER_LINKED);
      eval.phone(p, now);
    }
    for (int a = s.holders.firstAccount(h); a >= 0; a = s.accounts.nextSibling(a)) {
      s.accounts.setFlags(a, AccountTable.FLAG_DEALER_LINKED);
      eval.account(a, now);
    }
    int dev = s.holders.lastDevice(h);
    if (dev >= 0) {
      markDealerNode(s.devices, EntityKind.DEVICE, dev, now);
    }
    int ip = s.holders.lastIp(h);
    if (ip >= 0) {
      markDealerNode(s.ips, EntityKind.IP, ip, now);
    }
  }

  private void markDealerNode(NodeTable t, EntityKind kind, int n, long now) {
    t.setFlags(n, NodeTable.FLAG_DEALER_LINKED);
    eval.node(t, kind, n, now);
  }
}
