package org.fanzha.engine;

import java.util.List;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.reason.Reason;

/**
 * The engine's answer for one event: the entity it concerns most (the riskiest party of the event),
 * a score 0–100, its level, the action asked for and the reasons. A score of zero means nothing was
 * found ({@link #isNone()}); replay writes only decisions above zero.
 */
public record Decision(
    String eventId,
    EntityKind entityKind,
    String entity,
    int score,
    Level level,
    Action action,
    List<Reason> reasons) {

  public Decision {
    reasons = List.copyOf(reasons);
  }

  /** Returns this decision with {@code reasons} instead of its own. */
  public Decision withReasons(List<Reason> reasons) {
    return new Decision(eventId, entityKind, entity, score, level, action, reasons);
  }

  /** Returns whether nothing was found. */
  public boolean isNone() {
    return score == 0;
  }
}
