package org.fanzha.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in attempt (HTTP Basic credentials, or the login form's POST) with 429 while
 * {@link LoginThrottle} says the user name or client address has used up its wrong passwords.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;

  LoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String user = basicUser(request);
    boolean attempt = user != null || isFormLogin(request);
    if (attempt) {
      if (user == null) {
        user = request.getParameter("username");
      }
      if (throttle.refuse(user, request.getRemoteAddr(), response)) {
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private static boolean isFormLogin(HttpServletRequest request) {
    return "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
  }

  private static @Nullable String basicUser(HttpServletRequest request) {
    String h = request.getHeader("Authorization");
    if (h == null || h.length() < 6 || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null; // not Base64: Spring's Basic filter answers it
    }
  }
}
