package org.fanzha.server.funds;

import java.util.stream.Collectors;
import org.fanzha.server.funds.HoldService.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who is calling, as the audit log and an order's history name them. */
final class Callers {

  private Callers() {}

  static Actor actor(@Nullable Authentication auth) {
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return new Actor("anonymous", "ANONYMOUS");
    }
    String roles = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .map(r -> r.startsWith("ROLE_") ? r.substring(5) : r).sorted().collect(Collectors.joining(","));
    return new Actor(auth.getName(), roles.isEmpty() ? "ANONYMOUS" : roles);
  }
}
