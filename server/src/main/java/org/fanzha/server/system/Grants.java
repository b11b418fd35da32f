package org.fanzha.server.system;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what a staff user or an API key is granted: roles from {@link Roles#ALL}, regions as GB/T
 * 2260 prefixes.
 */
public final class Grants {

  private static final Pattern REGION = Pattern.compile("[1-9][0-9]{1,5}");

  private Grants() {}

  /**
   * Returns the roles, once each, in the order given.
   *
   * @throws BadRequestException when there is none or one is unknown
   */
  public static Set<String> roles(List<String> roles) {
    if (roles.isEmpty()) {
      throw new BadRequestException("roles: at least one of " + String.join(", ", Roles.ALL));
    }
    Set<String> r = new LinkedHashSet<>();
    for (String role : roles) {
      if (!Roles.ALL.contains(role)) {
        throw new BadRequestException(
            "roles: unknown role '" + role + "'; roles are " + String.join(", ", Roles.ALL));
      }
      r.add(role);
    }
    return r;
  }

  /**
   * Returns the regions ({@code []}: everywhere).
   *
   * @throws BadRequestException naming a region that is not a GB/T 2260 code or prefix
   */
  public static List<String> regions(List<String> regions) {
    List<String> g = new ArrayList<>();
    for (String region : regions) {
      if (!REGION.matcher(region).matches()) {
        throw new BadRequestException(
            "regions: '" + region + "' is not a GB/T 2260 code or prefix (2–6 digits)");
      }
      g.add(region);
    }
    return g;
  }
}
