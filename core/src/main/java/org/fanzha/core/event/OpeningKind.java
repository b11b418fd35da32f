package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** What an opening event opened. */
public enum OpeningKind implements WireName {
  SIM,
  BANK_ACCOUNT,
  PAYMENT_ACCOUNT,
  INTERNET_ACCOUNT;

  private static final WireNames<OpeningKind> NAMES = WireNames.of(OpeningKind.class);

  @Override
  public String wireName() {
    return NAMES.nameOf(this);
  }

  /** Returns the constant named so on the wire, or {@code null}. */
  public static @Nullable OpeningKind fromWire(@Nullable String name) {
    return NAMES.find(name);
  }

  /** Returns the wire names joined by {@code |}. */
  public static String allowed() {
    return NAMES.allowed();
  }
}
