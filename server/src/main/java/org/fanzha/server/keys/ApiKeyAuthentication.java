package org.fanzha.server.keys;

import java.util.List;
import org.fanzha.store.ApiKey;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request signed with a working API key: the caller is {@code key:<id>}, with the key's roles.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private static final long serialVersionUID = 1L;

  private final String principal;
  private final List<String> regions;
  private final @Nullable String institutionId;

  ApiKeyAuthentication(ApiKey key) {
    super(key.roles().stream().sorted().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
    this.principal = "key:" + key.id();
    this.regions = key.regions();
    this.institutionId = key.institutionId();
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return ""; // the key is not kept past the check
  }

  @Override
  public Object getPrincipal() {
    return principal;
  }

  /** Returns the clue receiver the key speaks for, if it is one's. */
  public @Nullable String institutionId() {
    return institutionId;
  }

  /** Returns the GB/T 2260 prefixes the key is scoped to ({@code []}: everywhere). */
  public List<String> regions() {
    return regions;
  }
}
