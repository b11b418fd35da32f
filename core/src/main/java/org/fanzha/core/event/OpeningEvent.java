package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** A new phone card or account; for {@code SIM} the account is the phone number. */
public record OpeningEvent(
    String id,
    long ts,
    @Nullable String source,
    OpeningKind kind,
    String account,
    String holder,
    @Nullable String phone,
    @Nullable String region,
    @Nullable String device,
    @Nullable String ip,
    @Nullable String channel)
    implements Event {

  @Override
  public EventType type() {
    return EventType.OPENING;
  }
}
