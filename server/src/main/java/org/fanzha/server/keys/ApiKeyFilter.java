package org.fanzha.server.keys;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.fanzha.server.system.LoginThrottle;
import org.fanzha.server.system.ProblemResponses;
import org.fanzha.store.ApiKey;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in a request that carries {@code Authorization: Bearer <key>}: a working key sets the
 * caller for this request only (nothing is kept in a session); anything else is answered 401 at
 * once, never passed on as anonymous. A wrong key counts against the client address like a wrong
 * password ({@link LoginThrottle}).
 */
public final class ApiKeyFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final ApiKeyService keys;
  private final LoginThrottle throttle;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  public ApiKeyFilter(ApiKeyService keys, LoginThrottle throttle) {
    this.keys = keys;
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String h = request.getHeader("Authorization");
    if (h == null || !h.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    if (throttle.refuse(null, address, response)) {
      return;
    }
    Optional<ApiKey> key = keys.verify(h.substring(BEARER.length()).strip());
    if (key.isEmpty()) {
      throttle.failedFrom(address);
      response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      ProblemResponses.write(
          response,
          HttpStatus.UNAUTHORIZED,
          "urn:fanzha:problem:invalid-api-key",
          "Invalid API key",
          "the bearer key is unknown, malformed or revoked; ask an administrator for a key (POST /api/v1/api-keys)");
      return;
    }
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(new ApiKeyAuthentication(key.get()));
    contexts.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      contexts.clearContext();
    }
  }
}
