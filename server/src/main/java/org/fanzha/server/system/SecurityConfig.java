package org.fanzha.server.system;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what. The console and masked look-ups are open to anyone (read-only); signing in as
 * an analyst shows personal data (audited); actuator endpoints other than health need ADMIN. Event
 * intake is open unless {@code fanzha.security.open-ingest=false}, then it needs INGEST or ADMIN.
 *
 * <p>Users: a configurable demo user ({@code fanzha.security.demo-user}, role ANALYST), an
 * {@code admin} (roles ADMIN, ANALYST, INGEST), and a bank user ({@code fanzha.security.bank-user}, role BANK) that
 * confirms or rejects stop and freeze orders. A password left empty is generated at start and
 * logged once, so no installation runs with a known default password unless told to.
 */
@Configuration
class SecurityConfig {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http,
      @Value("${fanzha.security.open-ingest:true}") boolean openIngest) throws Exception {
    if (openIngest) {
      log.warn("Event intake is open to unauthenticated callers (fanzha.security.open-ingest=true); "
          + "set it to false in production and give senders the INGEST role");
    }
    http.authorizeHttpRequests(a -> {
      a.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
      a.requestMatchers("/actuator/**").hasRole(Roles.ADMIN);
      if (!openIngest) {
        a.requestMatchers(HttpMethod.POST, "/api/v1/events", "/api/v1/decide").hasAnyRole(Roles.INGEST, Roles.ADMIN);
      }
      // Fund tracing is personal data: analysts only. The police ask for holds, the bank confirms them.
      a.requestMatchers("/api/v1/trace/**").hasAnyRole(Roles.ANALYST, Roles.ADMIN);
      a.requestMatchers(HttpMethod.POST, "/api/v1/holds/*/confirm", "/api/v1/holds/*/reject")
          .hasAnyRole(Roles.BANK, Roles.ADMIN);
      a.requestMatchers(HttpMethod.POST, "/api/v1/holds", "/api/v1/holds/*/renew", "/api/v1/holds/*/release",
          "/funds/holds").hasAnyRole(Roles.ANALYST, Roles.ADMIN);
      a.requestMatchers("/api/v1/holds", "/api/v1/holds/**").hasAnyRole(Roles.ANALYST, Roles.BANK, Roles.ADMIN);
      a.anyRequest().permitAll();
    });
    http.httpBasic(Customizer.withDefaults());
    http.formLogin(f -> f.defaultSuccessUrl("/", false));
    http.logout(l -> l.logoutSuccessUrl("/"));
    // The API is called by machines with basic auth or not at all, never from a browser session form.
    http.csrf(c -> c.ignoringRequestMatchers("/api/**"));
    return http.build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService users(PasswordEncoder encoder,
      @Value("${fanzha.security.demo-user.name:demo}") String demoName,
      @Value("${fanzha.security.demo-user.password:}") String demoPassword,
      @Value("${fanzha.security.admin-password:}") String adminPassword,
      @Value("${fanzha.security.bank-user.name:bank}") String bankName,
      @Value("${fanzha.security.bank-user.password:}") String bankPassword) {
    List<UserDetails> users = new ArrayList<>();
    if (!demoName.isBlank()) {
      users.add(User.withUsername(demoName).password(encoder.encode(orGenerated(demoName, demoPassword)))
          .roles(Roles.ANALYST).build());
    }
    if (!bankName.isBlank()) {
      users.add(User.withUsername(bankName).password(encoder.encode(orGenerated(bankName, bankPassword)))
          .roles(Roles.BANK).build());
    }
    users.add(User.withUsername("admin").password(encoder.encode(orGenerated("admin", adminPassword)))
        .roles(Roles.ADMIN, Roles.ANALYST, Roles.INGEST).build());
    return new InMemoryUserDetailsManager(users);
  }

  private static String orGenerated(String user, String password) {
    if (!password.isBlank()) {
      return password;
    }
    byte[] b = new byte[9];
    new SecureRandom().nextBytes(b);
    String generated = HexFormat.of().formatHex(b);
    log.warn("Generated password for user '{}': {} (set it with fanzha.security.*)", user, generated);
    return generated;
  }
}
