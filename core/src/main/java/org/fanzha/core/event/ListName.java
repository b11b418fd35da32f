package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/**
 * The risk lists an entry can be on: {@code black} (confirmed fraud: blocks), {@code grey}
 * (suspected: raises without blocking), {@code white} (verified normal: mitigates) and {@code
 * dishonest} (失信名单, 反电信网络诈骗法 第31条: a person who sold or rented cards or accounts, restricted in
 * what they may open).
 */
public enum ListName implements WireName {
  BLACK,
  GREY,
  WHITE,
  DISHONEST;

  private static final WireNames<ListName> NAMES = WireNames.of(ListName.class);

  @Override
  public String wireName() {
    return NAMES.nameOf(this);
  }

  /** Returns the constant named so on the wire, or {@code null}. */
  public static @Nullable ListName fromWire(@Nullable String name) {
    return NAMES.find(name);
  }

  /** Returns the wire names joined by {@code |}. */
  public static String allowed() {
    return NAMES.allowed();
  }
}
