package vent.web.auth;

import io.dropwizard.auth.Authenticator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.web.errors.ProblemException;
import vent.web.errors.Problems;

/**
 * Dropwizard authenticator for bearer tokens. A rejected token is answered at once with
 * 401 TOKEN_INVALID (rather than through the unauthorized handler, which only learns that
 * authentication failed, not whether a token was sent at all).
 */
public final class JwtAuthenticator implements Authenticator<String, VentPrincipal> {

  private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

  private final JwtVerifier verifier;

  public JwtAuthenticator(JwtVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * @return the principal of a valid token
   * @throws ProblemException 401 TOKEN_INVALID for a token that fails verification
   * @throws vent.common.error.VentException 503 when the token keys cannot be fetched
   */
  @Override
  public Optional<VentPrincipal> authenticate(String token) {
    try {
      return Optional.of(verifier.verify(token));
    } catch (TokenRejectedException e) {
      LOG.debug("event=token_rejected why={}", e.getMessage());
      throw new ProblemException(401, Problems.TOKEN_INVALID, "the access token is invalid or expired", List.of());
    }
  }
}
