package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/**
 * A list entry added or lifted (issue 10): sent by the server's list service, never by outside
 * intake, and journaled like any event so both runners apply it between the same two events and a
 * restart applies it again.
 *
 * @param lift {@code true}: the entry was lifted (by hand, by an upheld appeal, or at its expiry)
 * @param role what a black entry says the entity is (the kind's usual role when {@code null})
 * @param entry the list entry's id in the server's store, for tracing a decision back to it
 */
public record ListingEvent(
    String id,
    long ts,
    @Nullable String source,
    ListName list,
    boolean lift,
    ListKind kind,
    String entity,
    @Nullable Role role,
    @Nullable FraudType fraudType,
    @Nullable String entry)
    implements Event {

  @Override
  public EventType type() {
    return EventType.LISTING;
  }
}
