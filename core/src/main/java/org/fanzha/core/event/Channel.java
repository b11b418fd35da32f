package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** How a transfer was made. */
public enum Channel implements WireName {
  MOBILE,
  ONLINE,
  ATM,
  COUNTER,
  POS,
  THIRD_PARTY,
  CRYPTO_OTC;

  private static final WireNames<Channel> NAMES = WireNames.of(Channel.class);

  @Override
  public String wireName() {
    return NAMES.nameOf(this);
  }

  /** Returns the constant named so on the wire, or {@code null}. */
  public static @Nullable Channel fromWire(@Nullable String name) {
    return NAMES.find(name);
  }

  /** Returns the wire names joined by {@code |}. */
  public static String allowed() {
    return NAMES.allowed();
  }
}
