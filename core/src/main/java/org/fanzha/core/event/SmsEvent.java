package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** One short message. */
public record SmsEvent(
    String id,
    long ts,
    @Nullable String source,
    String sender,
    String receiver,
    String text,
    @Nullable String senderRegion)
    implements Event {

  @Override
  public EventType type() {
    return EventType.SMS;
  }
}
