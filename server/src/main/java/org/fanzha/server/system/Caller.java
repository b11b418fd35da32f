package org.fanzha.server.system;

import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is calling, as access checks and the audit log see it: a name ({@code anonymous} when nobody
 * signed in) and the roles without Spring's {@code ROLE_} prefix.
 */
public record Caller(String name, Set<String> roles) {

  /** Nobody signed in. */
  public static final Caller ANONYMOUS = new Caller("anonymous", Set.of());

  public Caller {
    roles = Set.copyOf(roles);
  }

  /**
   * Returns the caller of a request from its authentication (null or anonymous: {@link
   * #ANONYMOUS}).
   */
  public static Caller of(@Nullable Authentication auth) {
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return ANONYMOUS;
    }
    Set<String> roles = new TreeSet<>();
    for (GrantedAuthority a : auth.getAuthorities()) {
      String r = a.getAuthority();
      if (r != null) {
        roles.add(r.startsWith("ROLE_") ? r.substring(5) : r);
      }
    }
    return new Caller(auth.getName(), roles);
  }

  /** Returns whether nobody signed in. */
  public boolean isAnonymous() {
    return this.equals(ANONYMOUS);
  }

  /** Returns whether the caller holds any of the roles. */
  public boolean hasAny(String... wanted) {
    for (String w : wanted) {
      if (roles.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the roles joined by commas in name order, {@code ANONYMOUS} when there are none (the
   * audit log's form).
   */
  public String rolesText() {
    return roles.isEmpty() ? "ANONYMOUS" : String.join(",", new TreeSet<>(roles));
  }

  /** Returns what a refusal should call the caller: {@code anonymous} or its roles. */
  public String describe() {
    return isAnonymous() ? "an anonymous caller" : "'" + name + "' (" + rolesText() + ")";
  }
}
