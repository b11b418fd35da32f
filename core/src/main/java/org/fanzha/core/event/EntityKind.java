package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** A kind of entity the engine keeps risk for; {@code label} events name the first four. */
public enum EntityKind implements WireName {
  PHONE,
  ACCOUNT,
  HOLDER,
  DEVICE,
  IP;

  private static final WireNames<EntityKind> NAMES = WireNames.of(EntityKind.class);

  @Override
  public String wireName() {
    return NAMES.nameOf(this);
  }

  /** Returns the constant named so on the wire, or {@code null}. */
  public static @Nullable EntityKind fromWire(@Nullable String name) {
    return NAMES.find(name);
  }

  /** Returns the wire names joined by {@code |}. */
  public static String allowed() {
    return NAMES.allowed();
  }
}
