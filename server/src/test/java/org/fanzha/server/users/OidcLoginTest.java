package org.fanzha.server.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.fanzha.server.support.TestDirs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With a provider configured the sign-in page offers it, and choosing it sends the browser to the
 * provider.
 */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OidcLoginTest {
  static final Path DATA = TestDirs.create("fanzha-oidc");

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("fanzha.data", DATA::toString);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
    String p = "spring.security.oauth2.client.";
    r.add(p + "registration.corp.client-id", () -> "fanzha-console");
    r.add(p + "registration.corp.client-secret", () -> "secret");
    r.add(p + "registration.corp.scope", () -> "openid,profile");
    r.add(p + "registration.corp.authorization-grant-type", () -> "authorization_code");
    r.add(
        p + "registration.corp.redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
    r.add(p + "provider.corp.authorization-uri", () -> "https://idp.example/realms/fanzha/auth");
    r.add(p + "provider.corp.token-uri", () -> "https://idp.example/realms/fanzha/token");
    r.add(p + "provider.corp.jwk-set-uri", () -> "https://idp.example/realms/fanzha/certs");
    r.add(p + "provider.corp.user-name-attribute", () -> "preferred_username");
  }

  @LocalServerPort int port;

  @Test
  void theSignInPageOffersTheProvider_andSendsThePersonThere() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String login =
        http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(login).contains("/oauth2/authorization/corp").contains("name=\"username\"");
    HttpResponse<String> go =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/oauth2/authorization/corp"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(go.statusCode()).isEqualTo(302);
    String to = go.headers().firstValue("Location").orElseThrow();
    assertThat(to)
        .startsWith("https://idp.example/realms/fanzha/auth?")
        .contains("client_id=fanzha-console")
        .contains("scope=openid")
        .contains("response_type=code")
        .contains("state=")
        .contains("nonce=");
  }
}
