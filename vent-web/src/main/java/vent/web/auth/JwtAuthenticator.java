package vent.web.auth;

import io.dropwizard.auth.Authenticator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.web.errors.ProblemException;
import vent.web.errors.Problems;

/**
 * Dropwizard authenticator for bearer tokens. A rejected token is answered at once with 401
 * TOKEN_INVALID (rather than through the unauthorized handler, which only learns that
 * authentication failed, not whether a token was sent at all). Tokens of users deleted within the
 * {@link DeletedUsers} window are rejected the same way: a deleted account's JWTs stay correctly
 * signed and unexpired until their {@code exp}.
 */
public final class JwtAuthenticator implements Authenticator<String, VentPrincipal> {

  private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

  private final JwtVerifier verifier;
  private final DeletedUsers deleted;

  /**
   * @param verifier checks signature, issuer, expiry and claims
   * @param deleted users whose still-valid tokens must be refused
   */
  public JwtAuthenticator(JwtVerifier verifier, DeletedUsers deleted) {
    this.verifier = verifier;
    this.deleted = deleted;
  }

  /**
   * @return the principal of a valid token
   * @throws ProblemException 401 TOKEN_INVALID for a token that fails verification or whose user
   *     was deleted
   * @throws vent.common.error.VentException 503 when the token keys cannot be fetched
   */
  @Override
  public Optional<VentPrincipal> authenticate(String token) {
    VentPrincipal principal;
    try {
      principal = verifier.verify(token);
    } catch (TokenRejectedException e) {
      LOG.debug("event=token_rejected why={}", e.getMessage());
      throw invalid();
    }
    if (deleted.contains(principal.userId())) {
      LOG.debug("event=token_rejected why=user_deleted user={}", principal.userId());
      throw invalid();
    }
    return Optional.of(principal);
  }

  private static ProblemException invalid() {
    return new ProblemException(
        401, Problems.TOKEN_INVALID, "the access token is invalid or expired", List.of());
  }
}
