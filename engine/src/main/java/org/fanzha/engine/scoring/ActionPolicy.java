package org.fanzha.engine.scoring;

import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.Role;
import org.fanzha.engine.Action;
import org.fanzha.engine.Level;
import org.jspecify.annotations.Nullable;

/**
 * What a decision asks the caller to do about a party, from its score, role and the kind of event.
 */
public final class ActionPolicy {

  private ActionPolicy() {}

  /**
   * Returns the action for a score: victims are warned (and their transfers delayed when the
   * evidence is strong); accounts are delayed at high and held at critical (延迟到账, 止付); phones are
   * marked at medium and high and suspended at critical; holders, devices and IPs get extra
   * verification at high and refusal at critical.
   */
  public static Action action(EntityKind kind, int score, @Nullable Role role, EventType type) {
    Level level = Level.of(score);
    if (role == Role.VICTIM) {
      return level.compareTo(Level.HIGH) >= 0 && type == EventType.TRANSFER
          ? Action.DELAY
          : Action.WARN;
    }
    return switch (level) {
      case CRITICAL -> Action.HOLD;
      case HIGH -> kind == EntityKind.PHONE ? Action.WARN : Action.DELAY;
      case MEDIUM -> Action.WARN;
      default -> Action.ALLOW;
    };
  }
}
