package org.fanzha.server.funds;

import org.fanzha.server.funds.HoldService.Actor;
import org.fanzha.server.system.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/** Who is calling, as the audit log and an order's history name them. */
final class Callers {

  private Callers() {}

  static Actor actor(@Nullable Authentication auth) {
    Caller c = Caller.of(auth);
    return new Actor(c.name(), c.rolesText());
  }
}
