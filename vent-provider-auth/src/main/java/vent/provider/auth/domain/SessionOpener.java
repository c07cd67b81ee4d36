package vent.provider.auth.domain;

import java.time.Clock;
import java.util.function.LongSupplier;

/** Opens a session for a user and issues its first tokens; shared by register, login and password change. */
public final class SessionOpener {

  private final SessionRepository sessions;
  private final TokenIssuer issuer;
  private final Clock clock;
  /** Read for each new token (global configuration, live). */
  private final LongSupplier refreshTtlSeconds;

  /** @param refreshTtlSeconds refresh token (and idle session) lifetime, seconds */
  public SessionOpener(SessionRepository sessions, TokenIssuer issuer, Clock clock, long refreshTtlSeconds) {
    this(sessions, issuer, clock, positive(refreshTtlSeconds));
  }

  /** @param refreshTtlSeconds as above, read for each token; must always supply a positive value */
  public SessionOpener(SessionRepository sessions, TokenIssuer issuer, Clock clock, LongSupplier refreshTtlSeconds) {
    this.sessions = sessions;
    this.issuer = issuer;
    this.clock = clock;
    this.refreshTtlSeconds = refreshTtlSeconds;
  }

  /** Stores a new session of {@code userId} and returns its tokens. */
  public Tokens open(String userId) {
    String sessionId = Secrets.newSessionId();
    String refreshToken = Secrets.newRefreshToken();
    sessions.open(new NewSession(sessionId, userId, Secrets.sha256Hex(refreshToken), clock.millis(), refreshTtlMs()));
    return tokens(userId, sessionId, refreshToken);
  }

  /** Tokens for an existing session whose refresh token is {@code refreshToken}. */
  Tokens tokens(String userId, String sessionId, String refreshToken) {
    AccessToken access = issuer.issue(userId, sessionId);
    return new Tokens(access.compact(), refreshToken, access.expiresInSeconds(), refreshTtlSeconds.getAsLong(), sessionId);
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
