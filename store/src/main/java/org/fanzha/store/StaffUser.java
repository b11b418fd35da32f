package org.fanzha.store;

import java.util.List;
import java.util.Set;

/**
 * A named staff user as stored: the password only as a hash.
 *
 * @param roles role names without a prefix (ANALYST, REVIEWER …)
 * @param regions GB/T 2260 prefixes the user's view is scoped to; empty for everywhere
 */
public record StaffUser(
    String name,
    String passwordHash,
    Set<String> roles,
    List<String> regions,
    boolean enabled,
    long createdAtMillis,
    String createdBy) {

  public StaffUser {
    roles = Set.copyOf(roles);
    regions = List.copyOf(regions);
  }
}
