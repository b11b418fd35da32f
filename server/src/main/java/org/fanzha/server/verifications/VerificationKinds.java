package org.fanzha.server.verifications;

import java.util.ArrayList;
import java.util.List;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Roles;

/**
 * Which re-verification tasks a caller works: an operator its numbers', a bank its accounts',
 * analysts both.
 */
public final class VerificationKinds {

  private VerificationKinds() {}

  /**
   * Returns the entity kinds ({@code phone}, {@code account}) whose tasks {@code c} sees and
   * records.
   */
  public static List<String> of(Caller c) {
    List<String> kinds = new ArrayList<>(2);
    if (c.hasAny(Roles.OPERATOR, Roles.ANALYST, Roles.ADMIN)) {
      kinds.add("phone");
    }
    if (c.hasAny(Roles.BANK, Roles.ANALYST, Roles.ADMIN)) {
      kinds.add("account");
    }
    return kinds;
  }
}
