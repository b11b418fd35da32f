package org.fanzha.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing request that a browser says another site started ({@code Sec-Fetch-Site}
 * other than {@code same-origin} or {@code none}). CSRF tokens guard cookie sessions; this also
 * guards the credentials a browser sends on its own without a cookie (HTTP Basic it has cached),
 * which a token check exempts. Machines send no {@code Sec-Fetch-*} headers and are not affected.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null
        && !isSafe(request.getMethod())
        && !site.equals("same-origin")
        && !site.equals("none")) {
      ProblemResponses.write(
          response,
          HttpStatus.FORBIDDEN,
          "urn:fanzha:problem:cross-site-request",
          "Cross-site request refused",
          "a "
              + request.getMethod()
              + " started by another site (Sec-Fetch-Site: "
              + site
              + ") is not accepted");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean isSafe(String method) {
    return method.equals("GET")
        || method.equals("HEAD")
        || method.equals("OPTIONS")
        || method.equals("TRACE");
  }
}
