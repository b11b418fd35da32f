package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** The type of an event (EVENTS.md). */
public enum EventType implements WireName {
  CALL,
  SMS,
  TRANSFER,
  OPENING,
  DEVICE,
  REPORT,
  LABEL,
  LISTING,
  CLOSING;

  private static final WireNames<EventType> NAMES = WireNames.of(EventType.class);

  @Override
  public String wireName() {
    return NAMES.nameOf(this);
  }

  /** Returns the constant named so on the wire, or {@code null}. */
  public static @Nullable EventType fromWire(@Nullable String name) {
    return NAMES.find(name);
  }

  /** Returns the wire names joined by {@code |}. */
  public static String allowed() {
    return NAMES.allowed();
  }
}
