package org.fanzha.server.system;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: every wrong password takes a token from the bucket of that user name at
 * that client address and from the address's own bucket ({@link SecuritySettings.LoginLimits});
 * while either is empty, sign-in attempts are refused before the password is even checked, so a
 * guesser learns nothing and spends no password-hash time of ours. Keying the user's bucket by
 * address too means a guesser elsewhere cannot lock the real user out.
 */
@Component
public class LoginThrottle {

  private final KeyedBuckets perUser;
  private final KeyedBuckets perAddress;

  LoginThrottle(SecuritySettings settings) {
    SecuritySettings.LoginLimits l = settings.login();
    this.perUser = new KeyedBuckets(l.perUser(), l.period(), System::nanoTime);
    this.perAddress = new KeyedBuckets(l.perAddress(), l.period(), System::nanoTime);
  }

  /**
   * Returns the seconds to wait before a sign-in as {@code user} from {@code address} is tried
   * again, if any.
   */
  public OptionalLong retryAfter(@Nullable String user, String address) {
    long wait =
        Math.max(
            user == null ? 0 : perUser.secondsUntilAvailable(key(user, address)),
            perAddress.secondsUntilAvailable(address));
    return wait > 0 ? OptionalLong.of(wait) : OptionalLong.empty();
  }

  /**
   * Answers 429 with {@code Retry-After} and returns true when a sign-in as {@code user} (null: by
   * key) from {@code address} must wait; else writes nothing and returns false.
   */
  public boolean refuse(@Nullable String user, String address, HttpServletResponse response)
      throws IOException {
    OptionalLong wait = retryAfter(user, address);
    if (wait.isEmpty()) {
      return false;
    }
    response.setHeader("Retry-After", Long.toString(wait.getAsLong()));
    ProblemResponses.write(
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        "urn:fanzha:problem:too-many-sign-in-attempts",
        "Too many sign-in attempts",
        "too many wrong passwords or keys for this user or from this address; try again in "
            + wait.getAsLong()
            + " s");
    return true;
  }

  /** Counts a failed sign-in from an address that named no user (a wrong API key). */
  public void failedFrom(String address) {
    perAddress.tryTake(address);
  }

  @EventListener
  void onBadCredentials(AuthenticationFailureBadCredentialsEvent e) {
    String address =
        e.getAuthentication().getDetails() instanceof WebAuthenticationDetails d
                && d.getRemoteAddress() != null
            ? d.getRemoteAddress()
            : "unknown";
    perUser.tryTake(key(e.getAuthentication().getName(), address));
    failedFrom(address);
  }

  private static String key(String user, String address) {
    return user.strip().toLowerCase(java.util.Locale.ROOT) + "@" + address;
  }
}
