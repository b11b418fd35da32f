package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** A signal from a protected user's handset: an app installed, a URL visited, screen sharing. */
public record DeviceEvent(
    String id,
    long ts,
    @Nullable String source,
    String subscriber,
    DeviceSignal kind,
    String target)
    implements Event {

  @Override
  public EventType type() {
    return EventType.DEVICE;
  }
}
