package vent.provider.auth.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/** Ends one session. */
public final class LogoutUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(LogoutUseCase.class);

  private final SessionRepository sessions;

  public LogoutUseCase(SessionRepository sessions) {
    this.sessions = sessions;
  }

  /**
   * Ends the session if it belongs to the user; its refresh token stops working at once (access
   * tokens already issued stay valid until they expire). Idempotent.
   *
   * @param sessionId the access token's "sid" claim
   * @param userId the access token's "sub" claim
   * @return false when the session had already ended (or is not that user's)
   * @throws VentException INVALID_ARGUMENT MISSING_FIELD (an argument is empty)
   */
  public boolean logout(String sessionId, String userId) {
    AuthErrors.require(sessionId, "session_id");
    AuthErrors.require(userId, "user_id");
    boolean ended = sessions.end(sessionId, userId);
    LOG.info("event=logout userId={} sessionId={} ended={}", userId, sessionId, ended);
    return ended;
  }
}
