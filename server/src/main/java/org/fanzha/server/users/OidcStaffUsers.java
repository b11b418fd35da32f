package org.fanzha.server.users;

import java.util.List;
import java.util.Objects;
import org.fanzha.store.Database;
import org.fanzha.store.StaffUser;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * People signing in through an OpenID Connect provider: the provider says who they are, this
 * platform what they may do. The claim {@code fanzha.security.oidc.username-claim}
 * (preferred_username) names an enabled staff user that an administrator made ({@code POST
 * /api/v1/users}); that user's roles and regions apply, so a provider cannot grant roles or widen a
 * jurisdiction. Anyone else is refused.
 */
public final class OidcStaffUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private final Database db;
  private final String usernameClaim;
  private final OAuth2UserService<OidcUserRequest, OidcUser> provider;

  public OidcStaffUsers(Database db, String usernameClaim) {
    this(db, usernameClaim, new OidcUserService());
  }

  OidcStaffUsers(
      Database db, String usernameClaim, OAuth2UserService<OidcUserRequest, OidcUser> provider) {
    this.db = db;
    this.usernameClaim = usernameClaim;
    this.provider = provider;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser person = provider.loadUser(request);
    String name = Objects.requireNonNull(person).getClaimAsString(usernameClaim);
    StaffUser staff =
        name == null ? null : db.users().find(name).filter(StaffUser::enabled).orElse(null);
    if (staff == null) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(
              "access_denied", "no enabled staff user named by the claim " + usernameClaim, null));
    }
    List<GrantedAuthority> roles =
        staff.roles().stream()
            .sorted()
            .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r))
            .toList();
    return new DefaultOidcUser(roles, person.getIdToken(), person.getUserInfo(), usernameClaim);
  }
}
