package org.fanzha.server.keys;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in a request that carries {@code Authorization: Bearer <key>} ({@link ApiKeySignIn}): a
 * working key sets the caller for this request only (nothing is kept in a session); anything else
 * is answered at once, never passed on as anonymous.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {

  private final ApiKeySignIn signIn;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  public ApiKeyFilter(ApiKeySignIn signIn) {
    this.signIn = signIn;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!ApiKeySignIn.presentsKey(request.getHeader("Authorization"))) {
      chain.doFilter(request, response);
      return;
    }
    ApiKeyAuthentication caller = signIn.signIn(request, response);
    if (caller == null) {
      return;
    }
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(caller);
    contexts.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      contexts.clearContext();
    }
  }
}
