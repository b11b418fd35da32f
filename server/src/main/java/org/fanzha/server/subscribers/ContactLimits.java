package org.fanzha.server.subscribers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.Action;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Level;
import org.fanzha.engine.replay.OutputJson;
import org.fanzha.engine.subscriber.SubscriberJson;
import org.fanzha.engine.subscriber.SubscriberScore;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.server.verifications.Restriction;
import org.fanzha.server.verifications.VerificationDesk;

/**
 * An operator's decision on a call or message: the engine's, stopped ({@code hold}) when the number
 * is restricted pending its re-verification (第11条) or breaks a limit of its subscriber band, with
 * the score beside it.
 */
public final class ContactLimits {

  private final VerificationDesk verifications;

  public ContactLimits(VerificationDesk verifications) {
    this.verifications = verifications;
  }

  /**
   * The decision's JSON for a call or message, with {@code subscriber: {score, band, reasons,
   * limits, usage}} when {@code showScore} (the caller may read scores) and, when a re-verification
   * restricts the number, {@code verification: {id, state}}.
   */
  public byte[] answer(Decision engine, Event event, Runner runner, boolean showScore) {
    String from = event instanceof CallEvent c ? c.caller() : ((SmsEvent) event).sender();
    String to = event instanceof CallEvent c ? c.callee() : ((SmsEvent) event).receiver();
    Optional<Restriction> restricted =
        verifications.restriction(EntityKind.PHONE, from).filter(r -> r.stopsContact(to));
    Optional<SubscriberScore> score = runner.subscriber(from);
    Reason breach =
        restricted
            .map(Restriction::reason)
            .orElseGet(() -> score.map(s -> s.breach(event.type(), to)).orElse(null));
    Decision decision =
        breach == null ? engine : stopped(engine, event.id(), EntityKind.PHONE, from, breach);
    return JsonBodies.write(
        g -> {
          g.writeStartObject();
          OutputJson.fields(decision, g);
          restricted.ifPresent(r -> Restriction.write(r, g));
          if (score.isPresent() && showScore) {
            g.writeObjectPropertyStart("subscriber");
            SubscriberJson.fields(score.get(), from, g);
            g.writeEndObject();
          }
          g.writeEndObject();
        });
  }

  /**
   * The decision held for a broken limit or a restriction: its reason first, the engine's after it.
   */
  public static Decision stopped(
      Decision d, String eventId, EntityKind kind, String entity, Reason breach) {
    List<Reason> reasons = new ArrayList<>(d.reasons().size() + 1);
    reasons.add(breach);
    reasons.addAll(d.reasons());
    if (d.isNone() || d.entityKind() != kind || !d.entity().equals(entity)) {
      // the stop is about the party stopped, whatever else the engine found riskier in the event
      return new Decision(eventId, kind, entity, 0, Level.LOW, Action.HOLD, reasons);
    }
    return new Decision(
        d.eventId(), d.entityKind(), d.entity(), d.score(), d.level(), Action.HOLD, reasons);
  }
}
