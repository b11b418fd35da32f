package org.fanzha.server.regions;

import java.util.List;
import org.fanzha.server.keys.ApiKeyAuthentication;
import org.fanzha.server.system.Caller;
import org.fanzha.store.Database;
import org.fanzha.store.StaffUser;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * The GB/T 2260 prefixes a caller's view of personal data is limited to: a staff user's or an API
 * key's regions.
 */
public final class Jurisdictions {

  private Jurisdictions() {}

  /**
   * Returns the caller's region prefixes; none for everywhere (and for the users configured at
   * start-up).
   */
  public static List<String> of(Database db, @Nullable Authentication auth) {
    if (auth instanceof ApiKeyAuthentication key) {
      return key.regions();
    }
    return db.users().find(Caller.of(auth).name()).map(StaffUser::regions).orElse(List.of());
  }

  /** Returns whether a region (null: not known) lies within the prefixes (none: everywhere). */
  public static boolean within(@Nullable String region, List<String> prefixes) {
    return prefixes.isEmpty() || (region != null && prefixes.stream().anyMatch(region::startsWith));
  }
}
