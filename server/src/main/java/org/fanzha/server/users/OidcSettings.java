package org.fanzha.server.users;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in through OpenID Connect ({@code fanzha.security.oidc.*}); the provider itself is
 * configured as Spring Boot configures any, under {@code
 * spring.security.oauth2.client.registration.<id>} and {@code ...provider.<id>}.
 *
 * @param usernameClaim the ID token claim that names the staff user
 */
@ConfigurationProperties("fanzha.security.oidc")
public record OidcSettings(@DefaultValue("preferred_username") String usernameClaim) {}
