package org.fanzha.engine.keyed;

import java.util.List;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.ClosingEvent;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.ListingEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.engine.Action;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Level;
import org.jspecify.annotations.Nullable;

/**
 * An event's decision from its parts' decisions, offered in the order the parts run (decision
 * 0023): the riskiest party, the event's main party when two are held alike, and the strongest
 * action any part asked for. What the one-state engine's tally decides over the whole event, a
 * keyed runner decides here over its parts.
 */
public final class DecisionCombiner {
  private String eventId = "";
  private @Nullable EntityKind primaryKind;
  private @Nullable String primary;
  private @Nullable Decision best;
  private Action action = Action.ALLOW;

  /** Starts the decision about {@code event}. */
  public void begin(Event event) {
    eventId = event.id();
    best = null;
    action = Action.ALLOW;
    primaryKind = null;
    primary = null;
    mainParty(event);
  }

  /**
   * Starts the decision about {@code event} from what earlier parts decided: the riskiest so far
   * ({@code null}: none) and the strongest action so far (a keyed runner carries these from stage
   * to stage).
   */
  public void resume(Event event, @Nullable Decision soFar, Action actionSoFar) {
    begin(event);
    best = soFar;
    action = actionSoFar;
  }

  /** Returns the riskiest part's decision so far ({@code null}: none). */
  public @Nullable Decision best() {
    return best;
  }

  /** Returns the strongest action asked so far. */
  public Action action() {
    return action;
  }

  /**
   * Returns whether offering {@code d} can change any event's decision: one scored zero that asks
   * for nothing need not travel to the combiner (most parts of most events are such).
   */
  public static boolean matters(Decision d) {
    return d.score() > 0 || d.action() != Action.ALLOW;
  }

  /** Offers a part's decision (parts in the order they run). */
  public void offer(Decision d) {
    action = action.max(d.action());
    if (d.score() > 0
        && (best == null
            || d.score() > best.score()
            || (d.score() == best.score()
                && d.entityKind() == primaryKind
                && d.entity().equals(primary)))) {
      best = d;
    }
  }

  /** Returns the event's decision. */
  public Decision result() {
    if (best == null) {
      return new Decision(
          eventId,
          primaryKind == null ? EntityKind.PHONE : primaryKind,
          primary == null ? "" : primary,
          0,
          Level.LOW,
          Action.ALLOW,
          List.of());
    }
    return new Decision(
        best.eventId(),
        best.entityKind(),
        best.entity(),
        best.score(),
        best.level(),
        action,
        best.reasons());
  }

  /** The party the event is first about: of two held alike, the decision names it. */
  private void mainParty(Event event) {
    if (event instanceof CallEvent c) {
      main(EntityKind.PHONE, c.caller());
    } else if (event instanceof SmsEvent m) {
      main(EntityKind.PHONE, m.sender());
    } else if (event instanceof TransferEvent t) {
      main(EntityKind.ACCOUNT, t.to());
    } else if (event instanceof DeviceEvent d) {
      main(EntityKind.PHONE, d.subscriber());
    } else if (event instanceof OpeningEvent o) {
      main(EntityKind.HOLDER, o.holder());
    } else if (event instanceof ClosingEvent o) {
      main(EntityKind.HOLDER, o.holder());
    } else if (event instanceof ReportEvent r) {
      for (ReportTarget t : r.targets()) {
        if (t.kind() == TargetKind.PHONE || t.kind() == TargetKind.ACCOUNT) {
          main(t.kind() == TargetKind.PHONE ? EntityKind.PHONE : EntityKind.ACCOUNT, t.value());
          return;
        }
      }
    } else if (event instanceof LabelEvent l) {
      main(l.entityKind(), l.entity());
    } else if (event instanceof ListingEvent l && l.kind().entityKind() != null) {
      main(l.kind().entityKind(), l.entity());
    }
  }

  private void main(EntityKind kind, String id) {
    primaryKind = kind;
    primary = id;
  }
}
