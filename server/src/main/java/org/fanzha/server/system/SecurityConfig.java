package org.fanzha.server.system;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.fanzha.server.keys.ApiKeyFilter;
import org.fanzha.server.keys.ApiKeySignIn;
import org.fanzha.server.users.OidcSettings;
import org.fanzha.server.users.OidcStaffUsers;
import org.fanzha.server.users.StaffUserDetails;
import org.fanzha.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what (docs/threat-model.md lists what each control stops).
 *
 * <ul>
 *   <li>Staff pages (the console {@code /}, {@code /console/**}, {@code /funds/**}) need a
 *       signed-in ANALYST, REVIEWER or ADMIN; fund tracing and holds are personal data: a reviewer
 *       sees the flow pages masked, only ANALYST sees accounts whole, traces through the API and
 *       asks for holds.
 *   <li>Machines sign requests with an API key ({@code Authorization: Bearer}, {@link
 *       ApiKeyFilter}); people with HTTP Basic or the login form.
 *   <li>Event intake needs INGEST, ANALYST or ADMIN unless {@code fanzha.security.open-ingest};
 *       {@code label} events are refused from anyone who does not confirm cases (IngestService).
 *   <li>Anonymous callers get what the public side promises: a masked risk look-up, rate-limited,
 *       and the portal ({@code /portal/**}: banded look-up, reports, appeals), rate-limited per
 *       client.
 *   <li>Browsers: CSRF tokens for cookie sessions (the API too, when called with the session
 *       cookie), {@code SameSite=Lax} cookies, cross-site POSTs refused, a Content-Security-Policy
 *       without inline script, no framing.
 *   <li>Wrong passwords are throttled per user and per address ({@link LoginThrottle}).
 * </ul>
 */
@Configuration
class SecurityConfig {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

  /**
   * No inline script anywhere: a name that slips into HTML cannot run. ECharts and htmx set inline
   * styles.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
          + "frame-ancestors 'none'; form-action 'self'";

  private static final String[] STAFF = {Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN};

  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http,
      SecuritySettings settings,
      LoginThrottle throttle,
      ApiKeySignIn keys,
      ObjectProvider<ClientRegistrationRepository> oidcProviders,
      OidcSettings oidc,
      Database db)
      throws Exception {
    if (settings.openIngest()) {
      log.warn(
          "Event intake is open to unauthenticated callers (fanzha.security.open-ingest=true, env FANZHA_OPEN_INGEST); "
              + "never on a network others can reach");
    }
    http.authorizeHttpRequests(
        a -> {
          a.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
              .permitAll();
          a.requestMatchers("/actuator/**").hasRole(Roles.ADMIN);
          if (!settings.openIngest()) {
            a.requestMatchers(HttpMethod.POST, "/api/v1/events")
                .hasAnyRole(Roles.INGEST, Roles.ANALYST, Roles.ADMIN);
            // an operator's switch asks about its subscribers' calls and messages (DecideController
            // refuses it transfers)
            a.requestMatchers(HttpMethod.POST, "/api/v1/decide")
                .hasAnyRole(Roles.DECIDE.toArray(String[]::new));
          }
          // Fund tracing is personal data: analysts only; a reviewer sees the console's flow pages
          // masked.
          // The police ask for holds, the bank confirms them.
          a.requestMatchers("/api/v1/trace/**").hasAnyRole(Roles.ANALYST, Roles.ADMIN);
          a.requestMatchers("/api/v1/gangs", "/api/v1/gangs/**", "/gangs", "/gangs/**")
              .hasAnyRole(Roles.ANALYST, Roles.ADMIN);
          a.requestMatchers("/api/v1/subscribers/**")
              .hasAnyRole(Roles.OPERATOR, Roles.ANALYST, Roles.ADMIN);
          a.requestMatchers(
                  "/api/v1/verifications",
                  "/api/v1/verifications/**",
                  "/subscribers",
                  "/subscribers/**")
              .hasAnyRole(Roles.OPERATOR, Roles.BANK, Roles.ANALYST, Roles.ADMIN);
          a.requestMatchers(HttpMethod.POST, "/funds/**").hasAnyRole(Roles.ANALYST, Roles.ADMIN);
          a.requestMatchers("/funds/**").hasAnyRole(STAFF);
          a.requestMatchers(HttpMethod.POST, "/api/v1/holds/*/confirm", "/api/v1/holds/*/reject")
              .hasAnyRole(Roles.BANK, Roles.ADMIN);
          a.requestMatchers(
                  HttpMethod.POST,
                  "/api/v1/holds",
                  "/api/v1/holds/*/renew",
                  "/api/v1/holds/*/release")
              .hasAnyRole(Roles.ANALYST, Roles.ADMIN);
          a.requestMatchers("/api/v1/holds", "/api/v1/holds/**")
              .hasAnyRole(Roles.ANALYST, Roles.BANK, Roles.ADMIN);
          a.requestMatchers(
                  "/api/v1/users", "/api/v1/users/**", "/api/v1/api-keys", "/api/v1/api-keys/**")
              .hasRole(Roles.ADMIN);
          // warnings name the people being defrauded: the analysts who work them
          a.requestMatchers("/api/v1/warnings", "/api/v1/warnings/**", "/warnings", "/warnings/**")
              .hasAnyRole(Roles.ANALYST, Roles.ADMIN);
          a.requestMatchers(HttpMethod.POST, "/api/v1/rules/versions/*/publish")
              .hasAnyRole(Roles.REVIEWER, Roles.ADMIN);
          a.requestMatchers("/api/v1/rules", "/api/v1/rules/**")
              .hasAnyRole(Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN);
          a.requestMatchers(HttpMethod.POST, "/rules/versions/*/publish")
              .hasAnyRole(Roles.REVIEWER, Roles.ADMIN);
          // list entries name people, numbers and accounts: analysts keep them; reviewers decide
          // appeals against them
          a.requestMatchers("/api/v1/lists/**", "/lists", "/lists/**")
              .hasAnyRole(Roles.ANALYST, Roles.ADMIN);
          a.requestMatchers("/api/v1/appeals", "/api/v1/appeals/**", "/appeals", "/appeals/**")
              .hasAnyRole(Roles.REVIEWER, Roles.ADMIN);
          // clue push: administrators register receivers; a receiver (its institution's key) and
          // analysts work clues
          a.requestMatchers(HttpMethod.POST, "/api/v1/institutions").hasRole(Roles.ADMIN);
          a.requestMatchers("/api/v1/institutions", "/api/v1/institutions/**")
              .hasAnyRole(Roles.ANALYST, Roles.ADMIN);
          a.requestMatchers(HttpMethod.POST, "/api/v1/clues")
              .hasAnyRole(Roles.ANALYST, Roles.ADMIN);
          a.requestMatchers("/api/v1/clues", "/api/v1/clues/**")
              .hasAnyRole(
                  Roles.BANK,
                  Roles.OPERATOR,
                  Roles.PLATFORM,
                  Roles.POLICE,
                  Roles.ANALYST,
                  Roles.ADMIN);
          a.requestMatchers("/clues", "/clues/**").hasAnyRole(Roles.ANALYST, Roles.ADMIN);
          // new-business assessments: institutions and analysts submit, reviewers sign off, staff
          // read the register
          a.requestMatchers(
                  HttpMethod.POST, "/api/v1/assessments/*/review", "/assessments/*/review")
              .hasAnyRole(Roles.REVIEWER, Roles.ADMIN);
          a.requestMatchers(HttpMethod.POST, "/api/v1/assessments")
              .hasAnyRole(Roles.ANALYST, Roles.BANK, Roles.OPERATOR, Roles.PLATFORM, Roles.ADMIN);
          a.requestMatchers("/api/v1/assessments", "/api/v1/assessments/**")
              .hasAnyRole(
                  Roles.ANALYST,
                  Roles.REVIEWER,
                  Roles.BANK,
                  Roles.OPERATOR,
                  Roles.PLATFORM,
                  Roles.ADMIN);
          a.requestMatchers("/assessments/new").hasAnyRole(Roles.ANALYST, Roles.ADMIN);
          a.requestMatchers("/assessments", "/assessments/**").hasAnyRole(STAFF);
          a.requestMatchers("/api/v1/work", "/api/v1/work/**", "/work", "/work/**")
              .hasAnyRole(STAFF);
          a.requestMatchers("/audit", "/audit/**", "/admin", "/admin/**").hasRole(Roles.ADMIN);
          // the console's stylesheet for every page of a signed-in user (operators' and banks'
          // pages too)
          a.requestMatchers(HttpMethod.GET, "/console/console.css").authenticated();
          a.requestMatchers("/", "/console/**", "/rules", "/rules/**").hasAnyRole(STAFF);
          a.anyRequest().permitAll();
        });
    http.httpBasic(Customizer.withDefaults());
    http.formLogin(f -> f.defaultSuccessUrl("/", false));
    if (oidcProviders.getIfAvailable() != null) {
      // a provider is configured (spring.security.oauth2.client.*): the sign-in page offers it
      // beside the form
      http.oauth2Login(
          o ->
              o.defaultSuccessUrl("/", false)
                  .userInfoEndpoint(
                      u -> u.oidcUserService(new OidcStaffUsers(db, oidc.usernameClaim()))));
    }
    http.logout(l -> l.logoutSuccessUrl("/login?logout"));
    http.csrf(c -> c.ignoringRequestMatchers(machineApiCall()));
    http.addFilterBefore(new CrossSiteRequestFilter(), CsrfFilter.class);
    // Before the form login filter, which comes before the Basic one: both kinds of sign-in are
    // throttled.
    http.addFilterBefore(
        new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
    // Machines sign with a key, checked without a password hash (Basic costs a hash on every
    // request).
    http.addFilterBefore(new ApiKeyFilter(keys), BasicAuthenticationFilter.class);
    http.headers(
        h ->
            h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(
                    r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(f -> f.deny()));
    return http.build();
  }

  /**
   * An API call a browser cannot have forged: it carries its own credentials (an Authorization
   * header, which another site cannot add) or no session cookie at all. API calls riding on a
   * session cookie need the CSRF token like any form.
   */
  static RequestMatcher machineApiCall() {
    return (HttpServletRequest r) ->
        (r.getServletPath().startsWith("/api/") || r.getServletPath().startsWith("/portal/api/"))
            && (r.getHeader("Authorization") != null || !hasSessionCookie(r));
  }

  private static boolean hasSessionCookie(HttpServletRequest r) {
    Cookie[] cookies = r.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (c.getName().equals("JSESSIONID")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * No tracing spans around each security filter: on the decide path they cost more than the API
   * key check they wrapped (issue 11's profile). Requests are still timed ({@code
   * http.server.requests}).
   */
  @Bean
  SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  /**
   * Spring Security's strict firewall, checking header characters without its Unicode pattern (see
   * HeaderChars).
   */
  @Bean
  StrictHttpFirewall httpFirewall() {
    StrictHttpFirewall f = new StrictHttpFirewall();
    f.setAllowedHeaderNames(HeaderChars::allowed);
    f.setAllowedHeaderValues(HeaderChars::allowed);
    return f;
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  StaffUserDetails users(PasswordEncoder encoder, SecuritySettings settings, Database db) {
    List<UserDetails> users = new ArrayList<>();
    addIfNamed(users, encoder, settings.demoUser(), Roles.ANALYST);
    addIfNamed(users, encoder, settings.bankUser(), Roles.BANK);
    addIfNamed(users, encoder, settings.reviewerUser(), Roles.REVIEWER);
    addIfNamed(users, encoder, settings.ingestUser(), Roles.INGEST);
    users.add(
        User.withUsername("admin")
            .password(encoder.encode(orGenerated("admin", settings.adminPassword())))
            .roles(Roles.ADMIN, Roles.ANALYST, Roles.INGEST)
            .build());
    return new StaffUserDetails(users, db);
  }

  private static void addIfNamed(
      List<UserDetails> users, PasswordEncoder encoder, SecuritySettings.Account a, String role) {
    if (!a.name().isBlank()) {
      users.add(
          User.withUsername(a.name())
              .password(encoder.encode(orGenerated(a.name(), a.password())))
              .roles(role)
              .build());
    }
  }

  private static String orGenerated(String user, String password) {
    if (!password.isBlank()) {
      return password;
    }
    byte[] b = new byte[9];
    new SecureRandom().nextBytes(b);
    String generated = HexFormat.of().formatHex(b);
    log.warn(
        "Generated password for user '{}': {} (set it with fanzha.security.*)", user, generated);
    return generated;
  }
}
