package org.fanzha.engine.scoring;

import static org.fanzha.engine.scoring.EngineState.PAIR_CALL;

import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.engine.Level;
import org.fanzha.engine.correlation.VictimWatch;
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

  public ContactSteps(EngineState s, RulesInForce r, Evaluation eval, DecisionTally tally,
      @Nullable ContentClassifier classifier) {
    this.s = s;
    this.r = r;
    this.eval = eval;
    this.tally = tally;
    this.types = new EpisodeTypes(s);
    this.classifier = classifier;
  }

  public void call(CallEvent c) {
    PhoneTable phones = s.phones;
    EngineParams k = r.params;
    long ts = c.ts();
    int p = phones.intern(c.caller());
    int q = phones.intern(c.callee());
    tally.primary(EntityKind.PHONE, p, c.caller());
    tally.party(EntityKind.PHONE, q, c.callee());
    int dur = c.durationS();
    int slot = phones.slot(p, ts);
    phones.add(p, slot, PhoneTable.OUT);
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
    boolean seen = s.pairs.testAndSet(PAIR_CALL, p, q);
    if (!seen) {
      phones.add(p, slot, PhoneTable.FIRST_CONTACT);
    }
    phones.addContact(p, ts, q);
    if (s.pairs.mightContain(PAIR_CALL, q, p)) {
      phones.add(q, phones.slot(q, ts), PhoneTable.CALLBACK); // q called p before: p is calling back
    }
    int imei = -1;
    int imeiPhones = -1;
    int cellPhones = -1;
    if (c.callerImei() != null) {
      imei = s.devices.intern(c.callerImei());
      s.devices.usedByPhone(imei, ts, p);
      imeiPhones = s.devices.phones(imei, ts);
    }
    if (c.cell() != null) {
      int cell = s.cells.intern(c.cell());
      s.cells.usedByPhone(cell, ts, p);
      cellPhones = s.cells.phones(cell, ts);
    }
    phones.usedDevice(p, imeiPhones, cellPhones);
    if (c.displayed() != null && !c.displayed().equals(c.caller())) {
      phones.spoofed(p);
    }
    // a long call to someone neither side had called before: the caller's count here, the callee's episode below
    boolean longFirst = dur >= k.victimLongS && !seen && !s.pairs.mightContain(PAIR_CALL, q, p);
    if (longFirst) {
      phones.countLongFirstContact(p);
    }
    int callerScore = eval.phone(p, ts);
    if (imei >= 0 && imeiPhones >= k.deviceEvalMinPhones) {
      eval.node(s.devices, EntityKind.DEVICE, imei, ts);
    }
    if (longFirst) {
      phones.longCallFrom(q, p, ts);
      s.victims.rememberLongCall(q, c.id());
      int held = Math.max(callerScore, phones.score(p));
      if (held >= k.propagate && phones.hasRole(p, Role.FRAUD_NUMBER)) {
        // a strongly suspected number on a long call: the callee's payments now count as victim money
        phones.setFlags(q, PhoneTable.FLAG_EPISODE);
        int type = types.of(q, p, 0, EpisodeTypes.displayed(c));
        if (r.linksPhone(phones.reasonMask(p))) {
          s.victims.step(q, c.callee(), null, VictimWatch.CONTACT, held >= k.highCallScore ? Level.HIGH : Level.MEDIUM,
              p, type, ts, c.id());
        } else {
          // suspected for how it calls, not tied to fraud (a call centre calls like that too): remember quietly;
          // the number being tied to fraud, or money to a suspect payee, raises the warning (Propagation,
          // TransferSteps)
          s.victims.note(q, VictimWatch.CONTACT, p, type, ts, c.id());
        }
        eval.person(q, ts);
      }
    }
  }

  public void sms(SmsEvent m) {
    PhoneTable phones = s.phones;
    long ts = m.ts();
    int p = phones.intern(m.sender());
    int q = phones.intern(m.receiver());
    tally.primary(EntityKind.PHONE, p, m.sender());
    tally.party(EntityKind.PHONE, q, m.receiver());
    int slot = phones.slot(p, ts);
    phones.add(p, slot, PhoneTable.SMS_OUT);
    phones.addContact(p, ts, q);
    if (classifier != null) {
      ContentVerdict v = classifier.classify(m.text());
      if (v.isFraud() && v.score() >= r.params.contentMin) {
        int type = EpisodeTypes.code(v.fraudType());
        phones.add(p, slot, PhoneTable.SMS_FRAUD);
        phones.fraudType(p, type);
        phones.fraudContact(q, ts);
        s.victims.rememberLure(q, type);
      }
    }
    eval.phone(p, ts);
  }
}
