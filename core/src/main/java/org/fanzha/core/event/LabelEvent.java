package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** A confirmed outcome (case result): feeds lists, training and evaluation. */
public record LabelEvent(
    String id,
    long ts,
    @Nullable String source,
    EntityKind entityKind,
    String entity,
    Role role,
    @Nullable FraudType fraudType)
    implements Event {

  @Override
  public EventType type() {
    return EventType.LABEL;
  }
}
