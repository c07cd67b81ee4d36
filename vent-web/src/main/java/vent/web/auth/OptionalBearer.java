package vent.web.auth;

import java.util.Optional;
import vent.web.errors.ProblemException;
import vent.web.errors.Problems;

/**
 * The caller of a route that anonymous clients may use too ({@code GET /vents/{id}}, {@code GET
 * /users/{id}/vents}): no {@code Authorization} header is an anonymous caller; a header must carry
 * a valid bearer token, as on the routes that require one. A bad or expired token is therefore 401
 * TOKEN_INVALID, never silently anonymous, so a client whose token ran out learns it instead of
 * seeing less.
 */
public final class OptionalBearer {

  private static final String SCHEME = "Bearer";

  private final JwtAuthenticator authenticator;

  public OptionalBearer(JwtAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  /**
   * @param authorization the {@code Authorization} header, or null
   * @return the caller, or empty for an anonymous one (no header)
   * @throws ProblemException 401 UNAUTHENTICATED for a header of another scheme, 401 TOKEN_INVALID
   *     for a token that fails verification
   */
  public Optional<VentPrincipal> caller(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    int space = authorization.indexOf(' ');
    if (space <= 0 || !SCHEME.equalsIgnoreCase(authorization.substring(0, space))) {
      throw new ProblemException(
          401,
          Problems.UNAUTHENTICATED,
          "send no Authorization header, or a bearer access token (Authorization: Bearer <token>)",
          java.util.List.of());
    }
    return authenticator.authenticate(authorization.substring(space + 1));
  }
}
