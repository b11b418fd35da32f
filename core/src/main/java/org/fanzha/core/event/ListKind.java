package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/**
 * What a list entry names: one of the entities the engine scores, or a domain, URL or app package
 * that fraud uses (those are checked where a handset visits or installs them).
 */
public enum ListKind implements WireName {
  PHONE,
  ACCOUNT,
  HOLDER,
  DEVICE,
  IP,
  DOMAIN,
  URL,
  APP;

  private static final WireNames<ListKind> NAMES = WireNames.of(ListKind.class);

  @Override
  public String wireName() {
    return NAMES.nameOf(this);
  }

  /**
   * Returns the entity kind the engine scores for this, or {@code null} for a domain, URL or app.
   */
  public @Nullable EntityKind entityKind() {
    return switch (this) {
      case PHONE -> EntityKind.PHONE;
      case ACCOUNT -> EntityKind.ACCOUNT;
      case HOLDER -> EntityKind.HOLDER;
      case DEVICE -> EntityKind.DEVICE;
      case IP -> EntityKind.IP;
      default -> null;
    };
  }

  /** Returns the constant named so on the wire, or {@code null}. */
  public static @Nullable ListKind fromWire(@Nullable String name) {
    return NAMES.find(name);
  }

  /** Returns the wire names joined by {@code |}. */
  public static String allowed() {
    return NAMES.allowed();
  }
}
