package org.fanzha.server.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access settings ({@code fanzha.security.*}). A password left empty is generated at start and
 * logged once, so no installation runs with a known password unless told to.
 *
 * @param openIngest take events from unauthenticated callers (the demo does; env {@code
 *     FANZHA_OPEN_INGEST})
 * @param adminPassword the {@code admin} user's password (env {@code FANZHA_ADMIN_PASSWORD})
 * @param demoUser an analyst account for demonstrations; an empty name means none
 * @param bankUser a bank account that confirms or rejects holds; an empty name means none
 * @param reviewerUser a reviewer account that decides appeals and publishes rules; an empty name
 *     means none
 * @param ingestUser an account of a system that only sends events (role INGEST); an empty name
 *     means none
 * @param login how wrong passwords are slowed down
 * @param apiKeyRecheck how long a server trusts its cached copy of an API key; a key revoked
 *     through another server that shares the database stops here within this time (through this
 *     server, at once)
 */
@ConfigurationProperties("fanzha.security")
public record SecuritySettings(
    @DefaultValue("false") boolean openIngest,
    @DefaultValue("") String adminPassword,
    @DefaultValue Account demoUser,
    @DefaultValue Account bankUser,
    @DefaultValue Account reviewerUser,
    @DefaultValue Account ingestUser,
    @DefaultValue LoginLimits login,
    @DefaultValue("PT30S") Duration apiKeyRecheck) {

  /** A configured account: its name and password (empty: generated). */
  public record Account(@DefaultValue("") String name, @DefaultValue("") String password) {}

  /**
   * Wrong-password budgets: per user name at one address {@code perUser} failures, refilled at that
   * many per {@code period}; per client address {@code perAddress} likewise. Past the budget every
   * attempt (a right password included) is answered 429 with {@code Retry-After} until a token is
   * back.
   */
  public record LoginLimits(
      @DefaultValue("5") int perUser,
      @DefaultValue("20") int perAddress,
      @DefaultValue("PT5M") Duration period) {}
}
