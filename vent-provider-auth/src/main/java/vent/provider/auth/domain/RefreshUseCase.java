package vent.provider.auth.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/** Rotates a refresh token: spends the presented one and returns new tokens for its session. */
public final class RefreshUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshUseCase.class);

  private final SessionOpener opener;

  public RefreshUseCase(SessionOpener opener) {
    this.opener = opener;
  }

  /**
   * @param refreshToken the token from the last Register, Login, Refresh or ChangePassword
   * @return a new access token and a new refresh token of the same session
   * @throws VentException INVALID_ARGUMENT MISSING_FIELD (empty token); UNAUTHENTICATED
   *     REFRESH_TOKEN_INVALID when the token is unknown, expired, spent or revoked. A spent token
   *     also revokes its session, so whoever holds the newest token loses it too.
   */
  public Tokens refresh(String refreshToken) {
    AuthErrors.require(refreshToken, "refresh_token");
    String userId = Secrets.refreshTokenUser(refreshToken).orElse(null);
    if (userId == null) {
      LOG.info("event=refresh_failed reason=unknown_token");
      throw AuthErrors.refreshTokenInvalid();
    }
    String next = Secrets.newRefreshToken(userId);
    Rotation r =
        opener
            .sessions()
            .rotate(
                userId,
                Secrets.sha256Hex(refreshToken),
                Secrets.sha256Hex(next),
                opener.clock().millis(),
                opener.refreshTtlMs());
    switch (r.outcome()) {
      case ROTATED -> {
        LOG.info("event=token_refreshed userId={} sessionId={}", r.userId(), r.sessionId());
        return opener.tokens(r.userId(), r.sessionId(), next);
      }
      case REUSED -> {
        LOG.warn(
            "event=refresh_token_reused userId={} sessionId={} action=session_revoked",
            r.userId(),
            r.sessionId());
        throw AuthErrors.refreshTokenInvalid();
      }
      default -> {
        LOG.info("event=refresh_failed reason=unknown_token");
        throw AuthErrors.refreshTokenInvalid();
      }
    }
  }
}
