package vent.provider.auth.domain;

/**
 * Recent failed logins per subject (a username or a client IP), shared by every auth instance so
 * the limit holds however logins are balanced. Times are milliseconds since the epoch.
 */
public interface LoginFailureLog {

  /**
   * Records one failure at {@code nowMs} and forgets failures older than the window.
   *
   * @param subject e.g. {@code user:alice} or {@code ip:10.0.0.1}
   * @param windowMs how long a failure counts, milliseconds
   */
  void record(String subject, long nowMs, long windowMs);

  /**
   * @return failures of {@code subject} recorded after {@code sinceMs}
   */
  long countSince(String subject, long sinceMs);

  /** Forgets every failure of {@code subject} (after a successful login). */
  void clear(String subject);
}
