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
import org.fanzha.engine.subscriber.SubscriberScore;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.system.JsonBodies;

/**
 * An operator's decision on a call or message: the engine's, stopped ({@code hold}) when the number breaks a limit
 * of its subscriber band (第11条: an abnormal card is restricted until verified), with the score beside it.
 */
public final class SubscriberLimits {

  /** The decision's JSON for a call or message, with {@code subscriber: {score, band, reasons, limits, usage}}. */
  public byte[] answer(Decision engine, Event event, Runner runner) {
    String from = event instanceof CallEvent c ? c.caller() : ((SmsEvent) event).sender();
    String to = event instanceof CallEvent c ? c.callee() : ((SmsEvent) event).receiver();
    Optional<SubscriberScore> score = runner.subscriber(from);
    Reason breach = score.map(s -> s.breach(event.type(), to)).orElse(null);
    Decision decision = breach == null ? engine : stopped(engine, event.id(), from, breach);
    return JsonBodies.write(g -> {
      g.writeStartObject();
      OutputJson.fields(decision, g);
      if (score.isPresent()) {
        g.writeObjectPropertyStart("subscriber");
        SubscriberJson.fields(score.get(), from, g);
        g.writeEndObject();
      }
      g.writeEndObject();
    });
  }

  /** The decision held for a broken limit: the limit's reason first, the engine's after it. */
  static Decision stopped(Decision d, String eventId, String phone, Reason breach) {
    List<Reason> reasons = new ArrayList<>(d.reasons().size() + 1);
    reasons.add(breach);
    reasons.addAll(d.reasons());
    if (d.isNone()) {
      return new Decision(eventId, EntityKind.PHONE, phone, 0, Level.LOW, Action.HOLD, reasons);
    }
    return new Decision(d.eventId(), d.entityKind(), d.entity(), d.score(), d.level(), Action.HOLD, reasons);
  }
}
