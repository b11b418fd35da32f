package org.fanzha.server.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fanzha.store.Database;
import org.fanzha.store.StaffUser;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Finds who is signing in: the accounts the configuration names first (admin, the demo analyst, a
 * bank, a feed), then the staff users in the database.
 */
public final class StaffUserDetails implements UserDetailsService {

  private final Map<String, UserDetails> configured;
  private final Database db;

  public StaffUserDetails(List<UserDetails> configured, Database db) {
    Map<String, UserDetails> m = new java.util.HashMap<>();
    configured.forEach(u -> m.put(u.getUsername(), u));
    this.configured = Map.copyOf(m);
    this.db = db;
  }

  /** Returns the names of the configured accounts (no stored user may take them). */
  public java.util.Set<String> configuredNames() {
    return configured.keySet();
  }

  @Override
  public UserDetails loadUserByUsername(String name) {
    UserDetails c = configured.get(name);
    if (c != null) {
      return User.withUserDetails(c)
          .build(); // a copy: Spring erases the password of the instance it authenticated
    }
    StaffUser u =
        db.users().find(name).orElseThrow(() -> new UsernameNotFoundException("no user " + name));
    List<String> roles = new ArrayList<>(u.roles());
    return User.withUsername(u.name())
        .password(u.passwordHash())
        .roles(roles.toArray(String[]::new))
        .disabled(!u.enabled())
        .build();
  }
}
