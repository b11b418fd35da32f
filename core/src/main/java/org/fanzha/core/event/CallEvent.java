package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** One call detail record; {@code durationS == 0} means not answered. */
public record CallEvent(
    String id,
    long ts,
    @Nullable String source,
    String caller,
    String callee,
    int durationS,
    @Nullable String callerRegion,
    @Nullable String calleeRegion,
    @Nullable String callerImei,
    @Nullable String cell,
    @Nullable String displayed)
    implements Event {

  @Override
  public EventType type() {
    return EventType.CALL;
  }

  /** Returns whether the callee picked up. */
  public boolean answered() {
    return durationS > 0;
  }
}
