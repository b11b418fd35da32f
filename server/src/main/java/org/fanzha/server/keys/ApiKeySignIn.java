package org.fanzha.server.keys;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.fanzha.server.system.LoginThrottle;
import org.fanzha.server.system.ProblemResponses;
import org.fanzha.store.ApiKey;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Signs in a request by the key in its {@code Authorization: Bearer} header, for the security chain
 * ({@link ApiKeyFilter}) and for the decision path that runs ahead of it. A wrong key is answered
 * 401 at once and counts against the client address like a wrong password ({@link LoginThrottle});
 * an address past its budget is answered 429 before its key is even looked at.
 */
@Component
public final class ApiKeySignIn {

  private static final String BEARER = "Bearer ";

  private final ApiKeyService keys;
  private final LoginThrottle throttle;

  public ApiKeySignIn(ApiKeyService keys, LoginThrottle throttle) {
    this.keys = keys;
    this.throttle = throttle;
  }

  /** Returns whether an {@code Authorization} header value presents a bearer key. */
  public static boolean presentsKey(@Nullable String authorization) {
    return authorization != null
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
  }

  /**
   * Returns the caller of a request that {@linkplain #presentsKey presents a key}, or null when the
   * key was refused and the answer (401 or 429) is already written.
   */
  public @Nullable ApiKeyAuthentication signIn(
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    String address = request.getRemoteAddr();
    if (throttle.refuse(null, address, response)) {
      return null;
    }
    String h = request.getHeader("Authorization");
    Optional<ApiKey> key =
        h == null ? Optional.empty() : keys.verify(h.substring(BEARER.length()).strip());
    if (key.isEmpty()) {
      throttle.failedFrom(address);
      response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      ProblemResponses.write(
          response,
          HttpStatus.UNAUTHORIZED,
          "urn:fanzha:problem:invalid-api-key",
          "Invalid API key",
          "the bearer key is unknown, malformed or revoked; ask an administrator for a key (POST /api/v1/api-keys)");
      return null;
    }
    return new ApiKeyAuthentication(key.get());
  }
}
