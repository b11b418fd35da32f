package org.fanzha.store;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A machine's API key as stored: the key itself only as its SHA-256.
 *
 * @param id the public part of the key, which names it in lists and the audit log
 * @param name what the key is for ("bank-a intake"); not unique
 * @param keySha256 hex SHA-256 of the whole key as the client sends it
 * @param roles role names without a prefix (INGEST, BANK …)
 * @param regions GB/T 2260 prefixes the key's view is scoped to; empty for everywhere
 * @param revokedAtMillis when it was revoked, null while it works
 * @param institutionId the clue receiver the key speaks for (its own clues only), null for none
 */
public record ApiKey(
    String id,
    String name,
    String keySha256,
    Set<String> roles,
    List<String> regions,
    long createdAtMillis,
    String createdBy,
    @Nullable Long revokedAtMillis,
    @Nullable String revokedBy,
    @Nullable String institutionId) {

  public ApiKey {
    roles = Set.copyOf(roles);
    regions = List.copyOf(regions);
  }

  /** Returns whether the key still opens anything. */
  public boolean active() {
    return revokedAtMillis == null;
  }
}
