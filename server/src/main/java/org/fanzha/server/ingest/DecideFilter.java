package org.fanzha.server.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fanzha.server.keys.ApiKeyAuthentication;
import org.fanzha.server.keys.ApiKeySignIn;
import org.fanzha.server.system.Bodies;
import org.fanzha.server.system.BodyTooLargeException;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Roles;
import org.fanzha.server.system.SecuritySettings;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The decision path of machines: {@code POST /api/v1/decide} signed with an API key is answered
 * here, ahead of every other filter, Spring Security's chain and Spring MVC (decision 0031). Those
 * cost three times the decision itself, and a bank's payment waits on this answer.
 *
 * <p>What the chain would check is checked here explicitly: the key ({@link ApiKeySignIn}, wrong
 * keys throttled per address) and the roles that may ask ({@link Roles#DECIDE}). The path must be
 * exactly this one, so the firewall's concerns (encoded or dotted paths, path parameters) cannot
 * arise; anything else (another path spelling, a password, a session cookie, no credentials) goes
 * down the whole chain to {@link DecideController}. Only headers a JSON answer needs are set.
 */
final class DecideFilter extends OncePerRequestFilter {

  /** The endpoint's path. */
  static final String PATH = "/api/v1/decide";

  /** The largest body taken: one event. */
  static final long MAX_BODY = 64 * 1024;

  private final ApiKeySignIn signIn;
  private final DecideService decisions;
  private final boolean openIngest;

  DecideFilter(ApiKeySignIn signIn, DecideService decisions, SecuritySettings security) {
    this.signIn = signIn;
    this.decisions = decisions;
    this.openIngest = security.openIngest();
  }

  /** Registers the filter on the endpoint's path, first of all filters. */
  @Configuration
  static class Registration {
    @Bean
    FilterRegistrationBean<DecideFilter> decideFilter(
        ApiKeySignIn signIn, DecideService decisions, SecuritySettings security) {
      FilterRegistrationBean<DecideFilter> r =
          new FilterRegistrationBean<>(new DecideFilter(signIn, decisions, security));
      r.addUrlPatterns(PATH);
      r.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return r;
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod())
        && ApiKeySignIn.presentsKey(request.getHeader("Authorization"))
        && isPath(request.getRequestURI(), request.getContextPath()));
  }

  private static boolean isPath(String uri, String contextPath) {
    return uri.length() == contextPath.length() + PATH.length()
        && uri.startsWith(contextPath)
        && uri.endsWith(PATH);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ApiKeyAuthentication key = signIn.signIn(request, response);
    if (key == null) {
      return; // refused and answered
    }
    Caller caller = Caller.of(key);
    if (!openIngest && !Roles.mayAskDecisions(caller)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN); // answered as the chain would
      return;
    }
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-store");
    byte[] body;
    try {
      body = Bodies.read(request, MAX_BODY);
    } catch (BodyTooLargeException e) {
      DecideAnswer.problem(e.problem()).writeTo(response);
      return;
    }
    decisions
        .answer(body, request.getContentType(), caller, request.getHeader("Accept-Language"))
        .writeTo(response);
  }
}
