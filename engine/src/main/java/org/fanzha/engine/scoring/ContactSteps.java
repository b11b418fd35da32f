package org.fanzha.engine.scoring;

import static org.fanzha.engine.scoring.EngineState.PAIR_CALL;

import java.util.Objects;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.engine.Level;
import org.fanzha.engine.correlation.VictimWatch;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.features.PhoneTable;
import org.fanzha.engine.rules.EngineParams;
import org.jspecify.annotations.Nullable;

/**
 * Calls and messages: the caller's or sender's counters, first contacts and call-backs, the handset
 * and cell it used, the content of a message; a long first call from a strongly suspected number
 * opens a victim episode for the callee.
 */
public final class ContactSteps {
  private final EngineState s;
  private final RulesInForce r;
  private final Evaluation eval;
  private final DecisionTally tally;
  private final EpisodeTypes types;
  private final @Nullable ContentClassifier classifier;

  public ContactSteps(
      EngineState s,
      RulesInForce r,
      Evaluation eval,
      DecisionTally tally,
      @Nullable ContentClassifier classifier) {
    this.s = s;
    this.r = r;
    this.eval = eval;
    this.tally = tally;
    this.types = new EpisodeTypes(s);
    this.classifier = classifier;
  }

  /** The handset the caller used: one more number on it; a handset carrying many is scored. */
  void callHandset(CallEvent c, Facts f) {
    long ts = c.ts();
    int imei =
        s.devices.intern(
            Objects.requireNonNull(
                c.callerImei())); // the part is made only for a call that names it
    s.devices.usedByPhone(imei, ts, FeatureTable.nameHash(c.caller()));
    f.imeiPhones = s.devices.phones(imei, ts);
    if (f.imeiPhones >= r.params.deviceEvalMinPhones) {
      eval.node(s.devices, EntityKind.DEVICE, imei, ts);
    }
  }

  /** The cell the call went through: one more number on it. */
  void callCell(CallEvent c, Facts f) {
    long ts = c.ts();
    int cell = s.cells.intern(Objects.requireNonNull(c.cell()));
    s.cells.usedByPhone(cell, ts, FeatureTable.nameHash(c.caller()));
    f.cellPhones = s.cells.phones(cell, ts);
  }

  /**
   * The caller: its counters, first contacts, handset and cell counts, spoofing; then its score.
   */
  void caller(CallEvent c, Facts f) {
    PhoneTable phones = s.phones;
    EngineParams k = r.params;
    long ts = c.ts();
    int p = phones.intern(c.caller());
    int q = s.partner(phones, c.callee());
    tally.primary(EntityKind.PHONE, p, c.caller());
    int dur = c.durationS();
    int slot = phones.slot(p, ts);
    phones.add(p, slot, PhoneTable.OUT);
    phones.active(p, ts);
    if (dur > 0) {
      phones.add(p, slot, PhoneTable.ANSWERED);
      if (dur < k.shortS) {
        phones.add(p, slot, PhoneTable.SHORT);
      } else if (dur >= k.longS) {
        phones.add(p, slot, PhoneTable.LONG);
      }
    }
    if (r.night(ts)) {
      phones.add(p, slot, PhoneTable.NIGHT);
    }
    boolean seen = s.pairSeen(PAIR_CALL, p, q);
    if (!seen) {
      phones.add(p, slot, PhoneTable.FIRST_CONTACT);
    }
    phones.addContact(p, ts, FeatureTable.nameHash(c.callee()));
    phones.usedDevice(p, f.imeiPhones, f.cellPhones);
    if (c.callerImei() != null) {
      phones.handset(p, FeatureTable.nameHash(c.callerImei()), ts, k.quickSwitchMs);
    }
    if (c.displayed() != null && !c.displayed().equals(c.caller())) {
      phones.spoofed(p);
    }
    // a long call to someone neither side had called before: the caller's count here, the callee's
    // episode later
    f.longFirst = dur >= k.victimLongS && !seen && !s.calledBy(p, q);
    if (f.longFirst) {
      phones.countLongFirstContact(p);
    }
    int score = eval.phone(p, ts);
    f.callerHeld = Math.max(score, phones.score(p));
    f.callerFraud = phones.hasRole(p, Role.FRAUD_NUMBER);
    f.callerLinked = r.linksPhone(phones.reasonMask(p));
    f.callerType = phones.fraudType(p);
  }

  /**
   * The callee as a number: it was called by the caller; if it had called the caller first, this is
   * a call-back.
   */
  void callee(CallEvent c) {
    PhoneTable phones = s.phones;
    int p = s.partner(phones, c.caller());
    int q = phones.intern(c.callee());
    tally.party(EntityKind.PHONE, q, c.callee());
    s.recordCalledBy(q, p);
    if (s.pairKnown(PAIR_CALL, q, p)) {
      phones.add(
          q, phones.slot(q, c.ts()), PhoneTable.CALLBACK); // q called p before: p is calling back
    }
  }

  /**
   * The caller as a person: they have talked with the callee (people who know each other, for later
   * payments).
   */
  void callerTalked(CallEvent c) {
    if (s.keepsTalks()) { // else nothing to record, and the caller's step met both numbers
      s.recordTalked(s.phones.intern(c.caller()), s.partner(s.phones, c.callee()));
    }
  }

  /**
   * The callee as a person: a long first call from a strongly suspected number opens a victim
   * episode; from a number suspected only for how it calls, a quiet one.
   */
  void calledPerson(CallEvent c, Facts f) {
    PhoneTable phones = s.phones;
    EngineParams k = r.params;
    if (!f.longFirst && !s.keepsTalks()) {
      return; // the callee's step met both numbers, and there is nothing to record
    }
    long ts = c.ts();
    int q = phones.intern(c.callee());
    s.recordTalked(q, s.partner(phones, c.caller()));
    if (!f.longFirst) {
      return;
    }
    int p = s.numberRef(c.caller()); // the number that called, as people refer to it
    phones.longCallFrom(q, p, ts);
    s.victims.rememberLongCall(q, c.id());
    if (f.callerHeld >= k.propagate && f.callerFraud) {
      // a strongly suspected number on a long call: the callee's payments now count as victim money
      phones.setFlags(q, PhoneTable.FLAG_EPISODE);
      int type = types.of(q, f.callerType, 0, EpisodeTypes.displayed(c));
      if (f.callerLinked) {
        s.victims.step(
            q,
            c.callee(),
            null,
            VictimWatch.CONTACT,
            f.callerHeld >= k.highCallScore ? Level.HIGH : Level.MEDIUM,
            p,
            type,
            ts,
            c.id());
      } else {
        // suspected for how it calls, not tied to fraud (a call centre calls like that too):
        // remember quietly;
        // the number being tied to fraud, or money to a suspect payee, raises the warning
        // (Propagation,
        // TransferSteps)
        s.victims.note(q, VictimWatch.CONTACT, p, type, ts, c.id());
      }
      eval.person(q, ts);
    }
  }

  /** The sender: its counters and contacts, the content of its message; then its score. */
  void sender(SmsEvent m, Facts f) {
    PhoneTable phones = s.phones;
    long ts = m.ts();
    int p = phones.intern(m.sender());
    // the one-state engine gives the receiver its id here, as it always has: ids, and so the rare
    // false positives of its pair set, stay those of the snapshots it wrote
    s.partner(phones, m.receiver());
    tally.primary(EntityKind.PHONE, p, m.sender());
    int slot = phones.slot(p, ts);
    phones.add(p, slot, PhoneTable.SMS_OUT);
    phones.active(p, ts);
    phones.addContact(p, ts, FeatureTable.nameHash(m.receiver()));
    if (classifier != null) {
      ContentVerdict v = classifier.classify(m.text());
      if (v.isFraud() && v.score() >= r.params.contentMin) {
        f.lureType = EpisodeTypes.code(Objects.requireNonNull(v.fraudType()));
        phones.add(p, slot, PhoneTable.SMS_FRAUD);
        phones.fraudType(p, f.lureType);
      } else if (v.isFraud() && v.score() >= r.params.hintMin) {
        f.hintType =
            EpisodeTypes.code(
                Objects.requireNonNull(
                    v.fraudType())); // not evidence against anyone: a name for an episode
      }
    }
    eval.phone(p, ts);
  }

  /** The receiver as a person: a fraudulent message is a lure they now hold. */
  void receiver(SmsEvent m, Facts f) {
    int q = s.phones.intern(m.receiver());
    tally.party(EntityKind.PHONE, q, m.receiver());
    if (f.lureType != 0) {
      s.phones.fraudContact(q, m.ts());
      s.victims.rememberLure(q, f.lureType, m.ts());
    } else if (f.hintType != 0) {
      s.victims.rememberHint(q, f.hintType, m.ts());
    }
  }
}
