package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/**
 * One validated, normalised input event (EVENTS.md). Identifiers inside are canonical: phones in
 * {@code +86…} form (service numbers as given), accounts as digits or {@code scheme:value},
 * resident IDs upper-case, money in fen, time in epoch milliseconds.
 */
public sealed interface Event
    permits CallEvent,
        SmsEvent,
        TransferEvent,
        OpeningEvent,
        DeviceEvent,
        ReportEvent,
        LabelEvent,
        ListingEvent,
        ClosingEvent {

  /** Returns the idempotency key: unique per event, 1–128 characters. */
  String id();

  /** Returns when it happened, in epoch milliseconds. */
  long ts();

  /** Returns the code of the institution that sent it, or {@code null}. */
  @Nullable String source();

  /** Returns the event's type. */
  EventType type();
}
