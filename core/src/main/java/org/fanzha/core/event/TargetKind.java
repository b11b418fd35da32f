package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** What a report points at. */
public enum TargetKind implements WireName {
  PHONE,
  ACCOUNT,
  URL,
  APP,
  SOCIAL;

  private static final WireNames<TargetKind> NAMES = WireNames.of(TargetKind.class);

  @Override
  public String wireName() {
    return NAMES.nameOf(this);
  }

  /** Returns the constant named so on the wire, or {@code null}. */
  public static @Nullable TargetKind fromWire(@Nullable String name) {
    return NAMES.find(name);
  }

  /** Returns the wire names joined by {@code |}. */
  public static String allowed() {
    return NAMES.allowed();
  }
}
