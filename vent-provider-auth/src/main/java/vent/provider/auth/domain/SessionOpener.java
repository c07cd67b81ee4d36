package vent.provider.auth.domain;

import java.time.Clock;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Opens a session for a user and issues its first tokens; shared by register, login and password
 * change.
 */
public final class SessionOpener {

  private final SessionRepository sessions;
  private final TokenIssuer issuer;
  private final Clock clock;

  /** Read for each new token (global configuration, live). */
  private final LongSupplier refreshTtlSeconds;

  /**
   * @param refreshTtlSeconds refresh token (and idle session) lifetime, seconds
   */
  public SessionOpener(
      SessionRepository sessions, TokenIssuer issuer, Clock clock, long refreshTtlSeconds) {
    this(sessions, issuer, clock, positive(refreshTtlSeconds));
  }

  /**
   * @param refreshTtlSeconds as above, read for each token; must always supply a positive value
   */
  public SessionOpener(
      SessionRepository sessions, TokenIssuer issuer, Clock clock, LongSupplier refreshTtlSeconds) {
    this.sessions = sessions;
    this.issuer = issuer;
    this.clock = clock;
    this.refreshTtlSeconds = refreshTtlSeconds;
  }

  /**
   * Stores a new session of {@code credential}'s user and returns its tokens, provided the
   * credential is still the current one (same version) when the session is stored.
   *
   * @param credential the credential whose password was just checked or set
   * @return the tokens; empty when the credential changed or was removed since it was read (a
   *     password change or account deletion won the race): nothing was stored then
   */
  public Optional<Tokens> open(Credential credential) {
    String userId = credential.userId();
    String sessionId = Secrets.newSessionId();
    String refreshToken = Secrets.newRefreshToken(userId);
    boolean opened =
        sessions.open(
            new NewSession(
                sessionId,
                userId,
                Secrets.sha256Hex(refreshToken),
                clock.millis(),
                refreshTtlMs(),
                credential.version()));
    return opened ? Optional.of(tokens(userId, sessionId, refreshToken)) : Optional.empty();
  }

  /** Tokens for an existing session whose refresh token is {@code refreshToken}. */
  Tokens tokens(String userId, String sessionId, String refreshToken) {
    AccessToken access = issuer.issue(userId, sessionId);
    return new Tokens(
        access.compact(),
        refreshToken,
        access.expiresInSeconds(),
        refreshTtlSeconds.getAsLong(),
        sessionId);
  }

  long refreshTtlMs() {
    return refreshTtlSeconds.getAsLong() * 1000L;
  }

  SessionRepository sessions() {
    return sessions;
  }

  Clock clock() {
    return clock;
  }

  private static LongSupplier positive(long seconds) {
    if (seconds <= 0) {
      throw new IllegalArgumentException("refreshTtlSeconds must be positive");
    }
    return () -> seconds;
  }
}
