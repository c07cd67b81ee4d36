package vent.provider.auth.domain;

/**
 * Stores sessions and their refresh tokens (as SHA-256 hex only). Every method is atomic: a failure
 * leaves no half-written session.
 */
public interface SessionRepository {

  /**
   * Stores a new session, its refresh token and its place among the user's sessions, in one atomic
   * step with a check that the user's credential still exists at {@link
   * NewSession#credentialVersion()}: a password change or an account deletion that happened after
   * the password was checked makes the open fail and store nothing.
   *
   * @return false (nothing stored) when the credential is gone or at another version
   */
  boolean open(NewSession session);

  /**
   * Presents a refresh token. If it is the session's current one, makes {@code newHash} current and
   * extends the session to {@code ttlMs} from {@code nowMs}; the old token stays known as spent so
   * that presenting it again is recognised. If it is a spent one, revokes the whole session (reuse
   * detection).
   *
   * @param userId the user the presented token names ({@link Secrets#refreshTokenUser}); a token
   *     stored for another user is unknown
   * @param presentedHash SHA-256 hex of the presented token
   * @param newHash SHA-256 hex of the token that replaces it
   * @param nowMs milliseconds since the Unix epoch (UTC)
   * @param ttlMs refresh lifetime, milliseconds
   */
  Rotation rotate(String userId, String presentedHash, String newHash, long nowMs, long ttlMs);

  /**
   * Ends one session if it belongs to {@code userId}; its refresh token stops working.
   *
   * @return false when there was no such session of that user (already ended or never existed)
   */
  boolean end(String sessionId, String userId);

  /**
   * Ends every session of a user.
   *
   * @return how many live sessions were ended
   */
  int endAll(String userId);
}
