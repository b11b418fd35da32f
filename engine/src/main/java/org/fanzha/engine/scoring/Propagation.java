package org.fanzha.engine.scoring;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Objects;
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
 * <p>A link reaches entities the event does not name, so it is followed after the event's decision
 * ({@link #settle}), in the order asked: what a keyed runner's feedback path does (decision 0023).
 * The event's decision is about the parties it names; what the cascade finds shows in held risks
 * and warnings.
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

  /**
   * The caller of quiet episodes (a long call, then a screen share) is suspected now: warn them.
   */
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

  /**
   * Money from a suspected or tainted mule, passed on fast, reached account {@code b} (a {@link
   * EngineState#partner}, named {@code payee}): counted once per payer.
   */
  void muleMoney(int a, int b, String payee, long now) {
    asked.add(MULE_MONEY, a, b, payee, now);
  }

  /**
   * A person in a fraud episode paid account {@code b} (a {@link EngineState#partner}, named {@code
   * payee}) for the first time: counted once per victim.
   */
  void victimMoney(int v, int b, String payee, long now) {
    asked.add(VICTIM_MONEY, v, b, payee, now);
  }

  /**
   * Number {@code f} ({@link EngineState#numberRef}) reached victim {@code v} (a long first call,
   * then money): counted once per victim.
   */
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

  /**
   * Where requests to other keys go when this state is one stage's share of a keyed runner (null:
   * done here).
   */
  private java.util.function.@org.jspecify.annotations.Nullable Consumer<Request> outbox;

  /**
   * Sends requests to other keys to {@code sink} instead of carrying them out here (a keyed
   * runner).
   */
  void outbox(java.util.function.Consumer<Request> sink) {
    outbox = sink;
  }

  /** The event whose links are being followed (warnings and requests are named after it). */
  private String eventId = "";

  /**
   * In a keyed share, the numbers this visit scored, each with what people could read of it before
   * (pairs: phone, {@link #readable}), and the time it was scored at: a change goes to every
   * person's task.
   */
  private final IntArrayList scored = new IntArrayList();

  private long scoredTs;

  /**
   * Number {@code p} is about to be scored or its risk changed at {@code now}: see whether people
   * must hear of it.
   */
  void numberScored(int p, long now) {
    if (outbox == null) {
      return;
    }
    scoredTs = Math.max(scoredTs, now);
    for (int i = 0; i < scored.size(); i += 2) {
      if (scored.getInt(i) == p) {
        return;
      }
    }
    scored.add(p);
    scored.add(readable(p));
  }

  /**
   * What people's steps can tell of number {@code p} (they compare its score with the suspect and
   * propagate lines, ask whether its reasons tie it to fraud and whether it is a fraud number, and
   * read its fraud type); 0: nothing.
   */
  private int readable(int p) {
    PhoneTable phones = s.phones;
    int score = phones.score(p);
    int seen = phones.fraudType(p) << 4;
    seen |= score >= r.params.suspect ? 1 : 0;
    seen |= score >= r.params.propagate ? 2 : 0;
    seen |= r.linksPhone(phones.reasonMask(p)) ? 4 : 0;
    seen |= phones.hasRole(p, Role.FRAUD_NUMBER) ? 8 : 0;
    return seen;
  }

  /**
   * Sends people the numbers whose readable risk this visit changed (before the links it asked for:
   * see below).
   */
  private void sendScoredNumbers() {
    for (int i = 0; i < scored.size(); i += 2) {
      int p = scored.getInt(i);
      int now = readable(p);
      if (now != scored.getInt(i + 1)) {
        NumberView.NumberRisk risk =
            now == 0
                ? NumberView.NumberRisk.NONE
                : new NumberView.NumberRisk(
                    s.phones.score(p),
                    s.phones.reasonMask(p),
                    s.phones.roleMask(p),
                    s.phones.fraudType(p));
        Objects.requireNonNull(outbox)
            .accept(
                new Request(
                    Request.Link.NUMBER_RISK, s.phones.name(p), null, eventId, scoredTs, risk));
      }
    }
    scored.clear();
    scoredTs = 0;
  }

  /**
   * Follows every link asked for while the event was scored, and those they lead to, oldest first.
   * A keyed share first tells people of the numbers it changed: a quiet episode warned because its
   * caller is now suspected reads that caller.
   */
  void settle() {
    eventId = tally.eventId();
    if (outbox != null) {
      sendScoredNumbers();
    }
    drain();
  }

  private void drain() {
    while (asked.poll()) {
      int id = asked.a;
      int other = asked.b;
      long now = asked.ts;
      switch (asked.op) {
        case CALLER_SUSPECTED -> send(Request.Link.WARN_QUIET, id, -1, now);
        case NUMBER_TO_HOLDER -> numberToHolder(id, now);
        case MULE_TO_HOLDER -> accountToHolder(id, now);
        case DEALER_TO_CARDS -> markCards(id, now);
        case MULE_MONEY -> send(Request.Link.MULE_MONEY, other, asked.name, id, now);
        case VICTIM_MONEY -> send(Request.Link.VICTIM_MONEY, other, asked.name, id, now);
        case VICTIM_OF -> send(Request.Link.VICTIM_OF, id, other, now);
        case DEALER_DEVICE -> send(Request.Link.DEVICE_DEALER, id, -1, now);
        case DEALER_IP -> send(Request.Link.IP_DEALER, id, -1, now);
        default -> throw new IllegalStateException("unknown link " + asked.op);
      }
    }
  }

  /**
   * Carries out a request another key's step made (a keyed runner delivers it here, at the stage
   * and key it names), then the links that follows.
   */
  void receive(Request q) {
    if (q.link() == Request.Link.NUMBER_RISK) {
      s.numberCopies.put(q.target(), q.risk());
      return;
    }
    eventId = q.eventId();
    if (q.link() == Request.Link.WARN_QUIET) {
      warnQuietEpisodes(q.target(), q.ts()); // the caller is a name here, never a row
    } else {
      int from = -1;
      if (q.from() != null) {
        from = s.partner(q.link() == Request.Link.MULE_MONEY ? s.accounts : s.phones, q.from());
      }
      perform(q.link(), s.table(q.link().kind()).intern(q.target()), from, q.ts());
    }
    if (outbox != null) {
      sendScoredNumbers();
    }
    drain();
  }

  /**
   * Does {@code link} to {@code target} here, or hands it to the outbox when this state is a keyed
   * share.
   */
  private void send(Request.Link link, int target, int from, long now) {
    send(link, target, null, from, now);
  }

  /** As above, {@code target} named {@code targetName} when it is not a row here (null: it is). */
  private void send(
      Request.Link link,
      int target,
      @org.jspecify.annotations.Nullable String targetName,
      int from,
      long now) {
    if (outbox == null) {
      perform(link, target, from, now);
      return;
    }
    String fromName =
        from < 0
            ? null
            : link == Request.Link.MULE_MONEY ? s.accounts.name(from) : s.phones.name(from);
    String to =
        targetName != null
            ? targetName
            : link == Request.Link.VICTIM_OF
                ? s.numberName(target)
                : s.table(link.kind()).name(target);
    outbox.accept(new Request(link, to, fromName, eventId, now));
  }

  private void perform(Request.Link link, int target, int from, long now) {
    switch (link) {
      case WARN_QUIET -> warnQuietEpisodes(s.phones.name(target), now);
      case NUMBER_RISK -> throw new IllegalStateException("a number's risk is kept, not performed");
      case HOLDER_FRAUD -> {
        s.holders.linkFraud(target);
        eval.holder(target, now);
      }
      case PHONE_DEALER -> {
        s.phones.setFlags(target, PhoneTable.FLAG_DEALER_LINKED);
        eval.phone(target, now);
      }
      case ACCOUNT_DEALER -> {
        s.accounts.setFlags(target, AccountTable.FLAG_DEALER_LINKED);
        eval.account(target, now);
      }
      case DEVICE_DEALER -> markDealerNode(s.devices, EntityKind.DEVICE, target, now);
      case IP_DEALER -> markDealerNode(s.ips, EntityKind.IP, target, now);
      case MULE_MONEY -> {
        if (!s.pairSeen(EngineState.PAIR_MULE_PAY, target, from)) {
          s.accounts.muleInflow(target, now);
          scoreUnlessVictim(target, now);
        }
      }
      case VICTIM_MONEY -> {
        if (!s.pairSeen(EngineState.PAIR_VICTIM_PAY, target, from)) {
          s.accounts.victimInflow(target, now);
          scoreUnlessVictim(target, now);
        }
      }
      case VICTIM_OF -> {
        if (!s.pairSeen(EngineState.PAIR_VICTIM_LINK, target, from)) {
          s.phones.linkVictim(target);
          eval.phone(target, now);
        }
      }
    }
  }

  /**
   * Scores an account again with money it received, unless it is a victim's own (a brushing gang's
   * rebate).
   */
  private void scoreUnlessVictim(int b, long now) {
    if (!s.accounts.hasRole(b, Role.VICTIM)) {
      eval.account(b, now);
    }
  }

  private void warnQuietEpisodes(String caller, long now) {
    s.victims.callerSuspected(
        caller,
        Level.HIGH,
        now,
        eventId,
        s.phones::find,
        v -> {
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
      send(Request.Link.HOLDER_FRAUD, h, -1, now);
    }
  }

  private void accountToHolder(int a, long now) {
    if ((s.accounts.flags(a) & AccountTable.FLAG_COUNTED_FOR_HOLDER) != 0) {
      return;
    }
    int h = s.accounts.holder(a);
    if (h >= 0) {
      s.accounts.setFlags(a, AccountTable.FLAG_COUNTED_FOR_HOLDER);
      send(Request.Link.HOLDER_FRAUD, h, -1, now);
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
      send(Request.Link.PHONE_DEALER, p, -1, now);
    }
    for (int a = s.holders.firstAccount(h); a >= 0; a = s.accounts.nextSibling(a)) {
      send(Request.Link.ACCOUNT_DEALER, a, -1, now);
    }
    int dev = s.holders.lastDevice(h);
    if (dev >= 0) {
      send(Request.Link.DEVICE_DEALER, dev, -1, now);
    }
    int ip = s.holders.lastIp(h);
    if (ip >= 0) {
      send(Request.Link.IP_DEALER, ip, -1, now);
    }
  }

  private void markDealerNode(NodeTable t, EntityKind kind, int n, long now) {
    t.setFlags(n, NodeTable.FLAG_DEALER_LINKED);
    eval.node(t, kind, n, now);
  }
}
