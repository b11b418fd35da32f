package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** A signal from a protected user's handset. */
public enum DeviceSignal implements WireName {
  APP_INSTALL,
  URL_VISIT,
  SCREEN_SHARE,
  REMOTE_CONTROL;

  private static final WireNames<DeviceSignal> NAMES = WireNames.of(DeviceSignal.class);

  @Override
  public String wireName() {
    return NAMES.nameOf(this);
  }

  /** Returns the constant named so on the wire, or {@code null}. */
  public static @Nullable DeviceSignal fromWire(@Nullable String name) {
    return NAMES.find(name);
  }

  /** Returns the wire names joined by {@code |}. */
  public static String allowed() {
    return NAMES.allowed();
  }
}
