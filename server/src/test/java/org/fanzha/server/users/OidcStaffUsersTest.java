package org.fanzha.server.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanzha.store.Database;
import org.fanzha.store.StaffUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A person who signs in through an OpenID Connect provider is the staff user the claim names, with
 * that user's roles only (never roles the provider claims); nobody else, and no disabled user, gets
 * in.
 */
class OidcStaffUsersTest {
  @TempDir Path tmp;

  static OidcUserRequest request(Map<String, Object> claims) {
    ClientRegistration corp =
        ClientRegistration.withRegistrationId("corp")
            .clientId("fanzha")
            .clientSecret("s")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/corp")
            .scope("openid")
            .authorizationUri("https://idp.example/auth")
            .tokenUri("https://idp.example/token")
            .jwkSetUri("https://idp.example/jwks")
            .userNameAttributeName("sub")
            .build();
    Instant now = Instant.now();
    OidcIdToken id =
        OidcIdToken.withTokenValue("id-token")
            .issuedAt(now)
            .expiresAt(now.plusSeconds(300))
            .claims(c -> c.putAll(claims))
            .build();
    OAuth2AccessToken access =
        new OAuth2AccessToken(
            OAuth2AccessToken.TokenType.BEARER, "access", now, now.plusSeconds(300));
    return new OidcUserRequest(corp, access, id);
  }

  /**
   * The provider's answer as Spring's own service builds it from the ID token, without a network.
   */
  static OidcUser fromToken(OidcUserRequest r) {
    return new DefaultOidcUser(List.of(), r.getIdToken(), "sub");
  }

  @Test
  void thePersonIsTheStaffUserTheClaimNames_withThatUsersRolesOnly() {
    try (Database db = Database.openH2(tmp)) {
      db.users()
          .insert(
              new StaffUser(
                  "li.ming", "{noop}x", Set.of("ANALYST"), List.of("4104"), true, 0, "admin"));
      db.users()
          .insert(
              new StaffUser("gone", "{noop}x", Set.of("ANALYST"), List.of(), false, 0, "admin"));
      OidcStaffUsers users =
          new OidcStaffUsers(db, "preferred_username", OidcStaffUsersTest::fromToken);

      OidcUser li =
          users.loadUser(
              request(
                  Map.of(
                      "sub",
                      "u-1",
                      "iss",
                      "https://idp.example",
                      "preferred_username",
                      "li.ming",
                      "roles",
                      List.of("ADMIN"))));
      assertThat(li.getName()).isEqualTo("li.ming");
      assertThat(li.getAuthorities())
          .extracting(GrantedAuthority::getAuthority)
          .containsExactly("ROLE_ANALYST");

      assertThatThrownBy(
              () ->
                  users.loadUser(
                      request(
                          Map.of(
                              "sub",
                              "u-2",
                              "iss",
                              "https://idp.example",
                              "preferred_username",
                              "stranger"))))
          .isInstanceOf(OAuth2AuthenticationException.class);
      assertThatThrownBy(
              () ->
                  users.loadUser(
                      request(
                          Map.of(
                              "sub",
                              "u-3",
                              "iss",
                              "https://idp.example",
                              "preferred_username",
                              "gone"))))
          .isInstanceOf(OAuth2AuthenticationException.class);
      assertThatThrownBy(
              () -> users.loadUser(request(Map.of("sub", "u-4", "iss", "https://idp.example"))))
          .as("no claim")
          .isInstanceOf(OAuth2AuthenticationException.class);
    }
  }
}
