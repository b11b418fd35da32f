package org.fanzha.engine.scoring;

import static org.fanzha.engine.scoring.EngineState.PAIR_PAY;

import java.util.Objects;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.engine.Level;
import org.fanzha.engine.correlation.VictimWatch;
import org.fanzha.engine.features.AccountTable;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.features.PhoneTable;
import org.fanzha.engine.rules.EngineParams;

/**
 * Transfers: both accounts' counters, fast pass-through, new payees, the handset and IP used; money
 * from a suspected mule taints its receiver; a payment from a person in a victim episode is a
 * victim's step, evidence against the payee and a link to the number that reached them.
 */
public final class TransferSteps {
  private final EngineState s;
  private final RulesInForce r;
  private final Evaluation eval;
  private final DecisionTally tally;
  private final EpisodeTypes types;
  private final Propagation links;

  public TransferSteps(EngineState s, RulesInForce r, Evaluation eval, DecisionTally tally) {
    this.s = s;
    this.r = r;
    this.eval = eval;
    this.tally = tally;
    this.types = new EpisodeTypes(s);
    this.links = eval.links();
  }

  /** The handset the transfer came from: one more account on it. */
  void handset(TransferEvent t, Facts f) {
    int dev =
        s.devices.intern(
            Objects.requireNonNull(
                t.device())); // the part is made only for a transfer that names it
    s.devices.usedByAccount(dev, t.ts(), FeatureTable.nameHash(t.from()));
    f.deviceAccounts = s.devices.accounts(dev, t.ts());
  }

  /** The IP the transfer came from: one more account on it. */
  void network(TransferEvent t, Facts f) {
    int ip = s.ips.intern(Objects.requireNonNull(t.ip()));
    s.ips.usedByAccount(ip, t.ts(), FeatureTable.nameHash(t.from()));
    f.ipAccounts = s.ips.accounts(ip, t.ts());
  }

  /**
   * The payer's account: its counters, fast pass-through, new payees, handset and IP counts; money
   * a suspected or tainted mule passes on is counted against the payee by a request to it (decision
   * 0023); then its score.
   */
  void payer(TransferEvent t, Facts f) {
    AccountTable accounts = s.accounts;
    EngineParams k = r.params;
    long ts = t.ts();
    int a = accounts.intern(t.from());
    int b = s.partner(accounts, t.to());
    tally.party(EntityKind.ACCOUNT, a, t.from());
    long yuan = Math.max(1, t.amountFen() / 100);
    f.yuan = yuan;
    int sa = accounts.slot(a, ts);
    accounts.add(a, sa, AccountTable.OUT_COUNT);
    accounts.addYuan(a, sa, AccountTable.OUT_YUAN_WORD, yuan);
    if (r.night(ts)) {
      accounts.add(a, sa, AccountTable.NIGHT);
    }
    f.passingOn = accounts.covered(a, ts, yuan, k.muleHoldMs);
    f.fast = accounts.outflow(a, ts, yuan, k.fastSec, k.fastShare);
    if (f.fast) {
      accounts.add(a, sa, AccountTable.FAST_OUT);
    }
    if (t.isCashOut()) {
      accounts.add(a, sa, AccountTable.CASH_OUT);
    }
    f.newPayee = !s.pairSeen(PAIR_PAY, a, b);
    if (f.newPayee) {
      accounts.add(a, sa, AccountTable.NEW_PAYEE);
    }
    accounts.addPayee(a, ts, FeatureTable.nameHash(t.to()));
    if (t.fromPhone() != null && !s.hasAccountPhone(a)) {
      s.registerAccountPhone(a, t.fromPhone());
    }
    f.payerPhone = t.fromPhone() != null ? t.fromPhone() : s.accountPhone(a);
    accounts.usedDevice(a, f.deviceAccounts, f.ipAccounts);
    // taint: money from a suspected mule passing it on, or from a likely victim
    f.payerMule = accounts.score(a) >= k.suspect && accounts.hasRole(a, Role.MULE);
    f.payerTainted = accounts.lastTaintTs(a) > 0 && ts - accounts.lastTaintTs(a) <= k.taintMs;
    f.rebated = accounts.lastSmallInTs(a) > 0 && ts - accounts.lastSmallInTs(a) <= k.rebateMs;
    // a sum worth laundering; a brushing gang's small "commission" to its victim taints nobody
    if ((f.payerMule || f.payerTainted) && (f.fast || f.payerTainted) && yuan >= k.victimMinYuan) {
      links.muleMoney(a, b, t.to(), ts);
    }
    eval.account(a, ts);
  }

  /**
   * The payee's account: its counters and senders; what the paying person's step weighs of it; then
   * its score.
   */
  void payee(TransferEvent t, Facts f) {
    AccountTable accounts = s.accounts;
    long ts = t.ts();
    int b = accounts.intern(t.to());
    tally.primary(EntityKind.ACCOUNT, b, t.to());
    long yuan = Math.max(1, t.amountFen() / 100);
    int sb = accounts.slot(b, ts);
    accounts.add(b, sb, AccountTable.IN_COUNT);
    accounts.addYuan(b, sb, AccountTable.IN_YUAN_WORD, yuan);
    accounts.inflow(b, ts, yuan);
    if (yuan < r.params.victimMinYuan) {
      accounts.smallInflow(b, ts);
    }
    accounts.addSender(b, ts, FeatureTable.nameHash(t.from()));
    // as it stood before this transfer's score
    f.payeeCash = (accounts.flags(b) & AccountTable.FLAG_CASH) != 0;
    f.payeeAgeDays = accounts.ageDays(b, ts);
    f.payeeScore = accounts.score(b);
    f.payeeMule = accounts.hasRole(b, Role.MULE);
    f.payeePhone = s.accountPhone(b);
    f.payeeType = accounts.fraudType(b);
    if (!accounts.hasRole(b, Role.VICTIM)) {
      eval.account(b, ts);
    }
  }

  /**
   * The paying person: a victim pays from their own money; passing on what just came in is a mule's
   * move.
   */
  void payingPerson(TransferEvent t, Facts f) {
    if (f.payerPhone == null || f.payerMule || f.payerTainted || f.fast) {
      return;
    }
    victimPayment(t, s.partner(s.accounts, t.to()), s.phones.intern(f.payerPhone), t.ts(), f);
  }

  /**
   * Checks whether the payer is a likely victim paying out during a fraud episode. Money counts as
   * victim money (evidence against the payee) only when the payer was first contacted by a strongly
   * suspected number; paying an account that is already a suspected mule raises a warning for the
   * payer but is not counted against the payee again, which would be circular.
   */
  private void victimPayment(TransferEvent t, int b, int v, long ts, Facts f) { // b: a partner
    PhoneTable phones = s.phones;
    VictimWatch victims = s.victims;
    EngineParams k = r.params;
    long yuan = f.yuan;
    boolean newPayee = f.newPayee;
    if (f.payeeCash) {
      return;
    }
    double age = f.payeeAgeDays;
    boolean payeeSuspected = f.payeeScore >= k.suspect && f.payeeMule;
    boolean payeeNewAndYoung = newPayee && age >= 0 && age <= k.youngPayeeDays;
    if (yuan < k.victimMinYuan && !payeeSuspected && !payeeNewAndYoung) {
      return; // groceries to an established shop stay everyday life, in an episode too
    }
    // only a fraud contact or remote control makes a payment suspect; an earlier payment alone does
    // not
    int stage =
        (phones.flags(v) & PhoneTable.FLAG_EPISODE) != 0
            ? victims.stage(v, ts) & (VictimWatch.CONTACT | VictimWatch.REMOTE)
            : 0;
    int fraudPhone = stage != 0 ? victims.fraudPhone(v, ts) : -1;
    boolean quietOnly = false;
    if (stage != 0 && victims.quiet(v, ts)) {
      // a quiet episode (a screen share after a call nobody suspected, or a call from a number
      // suspected
      // only for how it calls): this payment is a victim's step only if the caller is suspected and
      // tied
      // to fraud by now, or the payee looks like a fraud account (a
      // suspected one, or a new payee opened days ago), or a large sum goes to a new payee (a
      // rented
      // old card looks like any other); a household bill to an old shop account is none of these
      NumberView.NumberRisk contact =
          fraudPhone >= 0 ? s.numbers.of(fraudPhone) : NumberView.NumberRisk.NONE;
      boolean callerSuspect = contact.score() >= k.suspect && r.linksPhone(contact.reasonMask());
      // (a coffee after a work meeting is none of these either: small sums stay quiet)
      boolean payeeSuspect =
          yuan >= k.victimMinYuan
              && (payeeSuspected || payeeNewAndYoung || (newPayee && yuan >= k.quietLargeYuan));
      if (!callerSuspect && !payeeSuspect) {
        stage = 0;
        fraudPhone = -1;
      } else {
        quietOnly = !callerSuspect;
      }
    }
    String callId = null;
    long lc = phones.longCallTs(v);
    int caller = phones.longCaller(v);
    boolean recentLongCall = lc > 0 && ts >= lc && ts - lc <= k.victimWindowMs && caller >= 0;
    if (stage == 0) {
      NumberView.NumberRisk held =
          recentLongCall ? s.numbers.of(caller) : NumberView.NumberRisk.NONE;
      if (held.score() >= k.propagate && held.fraudNumber() && r.linksPhone(held.reasonMask())) {
        fraudPhone = caller;
        callId = victims.lastLongCall(v);
        stage = VictimWatch.CONTACT;
      }
      // a fraudulent SMS alone is not enough: blasts reach thousands; engaging with it (a visit to
      // the link, an app install: see HandsetSteps) opens the episode
    }
    // paying a suspected mule for the first time, a sizeable sum: likely a victim even without a
    // seen contact, unless
    // the money came in lately (a slow mule's next hop: it held the money for hours and pays it on
    // in parts) or the
    // payer knows the account's holder (they called each other: a friend paying a friend whose card
    // was rented out)
    boolean payeeMule =
        f.payeeScore >= k.propagate
            && f.payeeMule
            && newPayee
            && yuan >= k.victimMinYuan
            && !f.passingOn
            && (f.payeePhone == null || !s.talked(v, s.partner(s.phones, f.payeePhone)));
    if (stage == 0 && !payeeMule) {
      return;
    }
    if ((stage & VictimWatch.CONTACT) != 0 && newPayee && yuan >= k.victimMinYuan) {
      links.victimMoney(v, b, t.to(), ts);
    }
    if (fraudPhone < 0
        && recentLongCall
        && ts - lc <= k.linkWindowMs
        && !isServiceNumber(s.numberFirstByte(caller))) {
      fraudPhone =
          caller; // a long first call from a stranger, then money to a mule: the stranger is linked
      callId = victims.lastLongCall(v);
    }
    phones.setFlags(v, PhoneTable.FLAG_EPISODE);
    // money moving after a fraud contact: stop it now; after a contact nobody suspects, to a new
    // account: warn
    Level sev = stage != 0 && !quietOnly ? Level.CRITICAL : Level.HIGH;
    long before = victims.lastPaid(v, ts);
    int ft =
        types.of(
            v,
            fraudPhone >= 0 ? s.numbers.of(fraudPhone).fraudType() : 0,
            f.payeeType,
            EpisodeTypes.paid(f.rebated, before, yuan));
    if (callId != null) {
      victims.step(
          v,
          phones.name(v),
          t.from(),
          VictimWatch.PAID | stage,
          sev,
          fraudPhone,
          ft,
          ts,
          t.id(),
          callId);
    } else {
      victims.step(
          v, phones.name(v), t.from(), VictimWatch.PAID | stage, sev, fraudPhone, ft, ts, t.id());
    }
    victims.paid(v, yuan, ts);
    // linked after the warning above (after the decision): the link may make the caller suspected,
    // which must not
    // warn this payer first without the paying account
    if (fraudPhone >= 0) {
      links.victimOf(fraudPhone, v, ts);
    }
    eval.person(v, ts);
  }

  /**
   * Returns whether an interned phone, by its first byte (-1 when empty), is a short service number
   * (95588, 10086 …): the codec keeps those as given, every other number starts with '+'.
   */
  static boolean isServiceNumber(int firstByte) {
    return firstByte >= 0 && firstByte != '+';
  }
}
