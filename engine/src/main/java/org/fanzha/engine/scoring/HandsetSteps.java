package org.fanzha.engine.scoring;

import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.FraudType;
import org.fanzha.engine.Level;
import org.fanzha.engine.correlation.VictimWatch;
import org.fanzha.engine.features.PhoneTable;
import org.fanzha.engine.rules.EngineParams;

/**
 * Signals from a subscriber's handset: a screen share or remote-control app during or just after a
 * call, a visit to a reported site, following a fraudulent message's link. Each is a step of a
 * victim episode, warned at once or remembered quietly until the caller or the payee is suspected.
 */
public final class HandsetSteps {
  private final EngineState s;
  private final RulesInForce r;
  private final Evaluation eval;
  private final DecisionTally tally;
  private final EpisodeTypes types;

  public HandsetSteps(EngineState s, RulesInForce r, Evaluation eval, DecisionTally tally) {
    this.s = s;
    this.r = r;
    this.eval = eval;
    this.tally = tally;
    this.types = new EpisodeTypes(s);
  }

  public void device(DeviceEvent d) {
    PhoneTable phones = s.phones;
    VictimWatch victims = s.victims;
    EngineParams k = r.params;
    long ts = d.ts();
    int v = phones.intern(d.subscriber());
    tally.primary(EntityKind.PHONE, v, d.subscriber());
    boolean inEpisode =
        (phones.flags(v) & PhoneTable.FLAG_EPISODE) != 0 && victims.stage(v, ts) != 0;
    if (d.kind() == DeviceSignal.SCREEN_SHARE || d.kind() == DeviceSignal.REMOTE_CONTROL) {
      long lc = phones.longCallTs(v);
      int caller = phones.longCaller(v);
      boolean recentCall = lc > 0 && ts >= lc && ts - lc <= k.recentCallMs;
      if (inEpisode || recentCall) {
        int fraudPhone = inEpisode ? victims.fraudPhone(v, ts) : -1;
        if (fraudPhone < 0 && recentCall) {
          fraudPhone = caller;
        }
        boolean suspected = fraudPhone >= 0 && s.numbers.of(fraudPhone).score() >= k.suspect;
        boolean warned = inEpisode && !victims.quiet(v, ts);
        String callId = recentCall ? victims.lastLongCall(v) : null;
        int stage = callId != null ? VictimWatch.REMOTE | VictimWatch.CONTACT : VictimWatch.REMOTE;
        phones.setFlags(v, PhoneTable.FLAG_EPISODE);
        if (!suspected && !warned) {
          // a long first call from someone nobody suspects, then a screen share: most often a
          // colleague's meeting or a relative's help (a short history makes them first contacts).
          // Remember the step without warning; money to a suspect or new account, or the caller
          // becoming suspected, raises the warning (TransferSteps, Propagation).
          if (callId != null) {
            victims.note(v, stage, fraudPhone, 0, ts, d.id(), callId);
          } else {
            victims.note(v, stage, fraudPhone, 0, ts, d.id());
          }
          eval.person(v, ts);
          return;
        }
        Level sev =
            suspected
                ? (s.numbers.of(fraudPhone).score() >= k.propagate ? Level.CRITICAL : Level.HIGH)
                : Level.MEDIUM;
        // sharing the screen is what fake customer service asks for (a refund); a remote-control
        // app points nowhere
        int ft =
            types.of(
                v,
                fraudPhone >= 0 ? s.numbers.of(fraudPhone).fraudType() : 0,
                0,
                d.kind() == DeviceSignal.SCREEN_SHARE
                    ? EpisodeTypes.code(FraudType.CUSTOMER_SERVICE)
                    : 0);
        if (callId != null) {
          victims.step(v, d.subscriber(), null, stage, sev, fraudPhone, ft, ts, d.id(), callId);
        } else {
          victims.step(v, d.subscriber(), null, stage, sev, fraudPhone, ft, ts, d.id());
        }
      }
    } else if (s.lists.targetListed(d.target()) || s.lists.targetReports(d.target()) > 0) {
      // a black-listed site or app is as sure as one many people reported
      phones.setFlags(v, PhoneTable.FLAG_EPISODE);
      victims.step(
          v,
          d.subscriber(),
          null,
          VictimWatch.CONTACT,
          s.lists.targetListed(d.target())
                  || s.lists.targetReports(d.target()) >= k.reportedTargetHigh
              ? Level.HIGH
              : Level.MEDIUM,
          -1,
          0,
          ts,
          d.id());
    } else {
      long fc = phones.fraudContactTs(v);
      long lc = phones.longCallTs(v);
      int caller = phones.longCaller(v);
      if (fc > 0 && ts >= fc && ts - fc <= k.recentCallMs) {
        // following a link or installing an app soon after a fraudulent SMS: engaging with the lure
        phones.setFlags(v, PhoneTable.FLAG_EPISODE);
        victims.engageLure(v);
        victims.step(
            v,
            d.subscriber(),
            null,
            VictimWatch.CONTACT,
            Level.MEDIUM,
            -1,
            types.lure(v),
            ts,
            d.id());
      } else if (fc > 0
          && ts >= fc
          && ts - fc <= k.victimWindowMs
          && lc > fc
          && ts >= lc
          && ts - lc <= k.recentCallMs
          && caller >= 0
          && !TransferSteps.isServiceNumber(s.numberFirstByte(caller))) {
        // a fraudulent SMS, then a long first call from a stranger, then a link or an app at the
        // caller's word: the
        // stranger is working the lure (an agent who calls the people a blast reached)
        phones.setFlags(v, PhoneTable.FLAG_EPISODE);
        String callId = victims.lastLongCall(v);
        int type = types.of(v, s.numbers.of(caller).fraudType(), 0, 0);
        if (callId != null) {
          victims.step(
              v,
              d.subscriber(),
              null,
              VictimWatch.CONTACT,
              Level.MEDIUM,
              caller,
              type,
              ts,
              d.id(),
              callId);
        } else {
          victims.step(
              v, d.subscriber(), null, VictimWatch.CONTACT, Level.MEDIUM, caller, type, ts, d.id());
        }
      }
    }
    eval.person(v, ts);
  }
}
