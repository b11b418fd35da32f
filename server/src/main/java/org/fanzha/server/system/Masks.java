package org.fanzha.server.system;

import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.id.Masking;

/**
 * Masks an entity identifier for display to a caller who may not see it whole (DESIGN principle 5).
 */
public final class Masks {

  private Masks() {}

  /** Returns the identifier masked as its kind requires. */
  public static String entity(EntityKind kind, String value) {
    return switch (kind) {
      case PHONE -> Masking.phone(value);
      case ACCOUNT -> Masking.account(value);
      case HOLDER -> Masking.residentId(value);
      case IP -> Masking.ip(value);
      case DEVICE -> Masking.device(value);
    };
  }

  /**
   * Returns a listed or reported value masked when it names a person's number, account, ID, device
   * or address; a domain, URL or app is not personal and is shown whole.
   */
  public static String listed(ListKind kind, String value) {
    return switch (kind) {
      case PHONE -> entity(EntityKind.PHONE, value);
      case ACCOUNT -> entity(EntityKind.ACCOUNT, value);
      case HOLDER -> entity(EntityKind.HOLDER, value);
      case DEVICE -> entity(EntityKind.DEVICE, value);
      case IP -> entity(EntityKind.IP, value);
      case DOMAIN, URL, APP -> value;
    };
  }
}
