package vent.web.auth;

import java.security.Principal;

/**
 * The caller of an authenticated request, from a verified access token.
 *
 * @param userId the token's {@code sub} claim: a user id ({@link dev.vent.api.rules.UserIds})
 * @param sessionId the token's {@code sid} claim: the session the token belongs to
 */
public record VentPrincipal(String userId, String sessionId) implements Principal {

  /** The user id. */
  @Override
  public String getName() {
    return userId;
  }
}
