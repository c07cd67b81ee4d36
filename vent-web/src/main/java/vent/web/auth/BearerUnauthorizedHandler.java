package vent.web.auth;

import io.dropwizard.auth.UnauthorizedHandler;
import java.util.List;
import vent.web.errors.ProblemException;
import vent.web.errors.Problems;

/**
 * Answers a protected request that carries no bearer token: 401 UNAUTHENTICATED as problem+json,
 * with {@code WWW-Authenticate: Bearer realm="vent"} (added by the problem mapper).
 */
public final class BearerUnauthorizedHandler implements UnauthorizedHandler {

  @Override
  public RuntimeException buildException(String prefix, String realm) {
    return new ProblemException(
        401,
        Problems.UNAUTHENTICATED,
        "a bearer access token is required (Authorization: Bearer <token>)",
        List.of());
  }
}
