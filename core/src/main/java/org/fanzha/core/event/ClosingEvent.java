package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/**
 * A phone card or account given up or closed (销号、销户) by its holder or the institution: it no longer
 * counts toward the cards and accounts its holder holds (一证五号). For {@code SIM} the account is the
 * phone number.
 */
public record ClosingEvent(
    String id,
    long ts,
    @Nullable String source,
    OpeningKind kind,
    String account,
    String holder,
    @Nullable String channel)
    implements Event {

  @Override
  public EventType type() {
    return EventType.CLOSING;
  }
}
