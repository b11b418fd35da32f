package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** A role an entity plays in fraud, confirmed (label) or suspected (engine). */
public enum Role implements WireName {
  FRAUD_NUMBER,
  MULE,
  VICTIM,
  CARD_DEALER,
  NORMAL;

  private static final WireNames<Role> NAMES = WireNames.of(Role.class);

  @Override
  public String wireName() {
    return NAMES.nameOf(this);
  }

  /** Returns the constant named so on the wire, or {@code null}. */
  public static @Nullable Role fromWire(@Nullable String name) {
    return NAMES.find(name);
  }

  /** Returns the wire names joined by {@code |}. */
  public static String allowed() {
    return NAMES.allowed();
  }
}
