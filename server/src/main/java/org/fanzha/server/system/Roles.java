package org.fanzha.server.system;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The roles of the console and API. Anonymous visitors see the console and masked look-ups;
 * {@code ANALYST} sees personal data unmasked (every look-up audited); {@code ADMIN} also manages
 * the system (actuator); {@code INGEST} may submit events when intake is not open to all; {@code BANK}
 * confirms or rejects stop and freeze orders.
 */
public final class Roles {

  public static final String ANALYST = "ANALYST";
  public static final String ADMIN = "ADMIN";
  public static final String INGEST = "INGEST";
  /** A bank's system: confirms or rejects stop and freeze orders. */
  public static final String BANK = "BANK";

  private Roles() {}

  /** Returns whether the caller may see identifiers unmasked. */
  public static boolean canSeePersonalData(@Nullable Authentication auth) {
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return false;
    }
    for (GrantedAuthority a : auth.getAuthorities()) {
      String r = a.getAuthority();
      if (("ROLE_" + ANALYST).equals(r) || ("ROLE_" + ADMIN).equals(r)) {
        return true;
      }
    }
    return false;
  }
}
