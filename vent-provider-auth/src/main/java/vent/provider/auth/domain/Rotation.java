package vent.provider.auth.domain;

/**
 * What presenting a refresh token did.
 *
 * @param outcome see {@link Outcome}
 * @param sessionId the session concerned; null for {@link Outcome#UNKNOWN}
 * @param userId its owner; null for {@link Outcome#UNKNOWN}
 */
public record Rotation(Outcome outcome, String sessionId, String userId) {

  /** The three ways a presented refresh token can end. */
  public enum Outcome {
    /** The token was current: it is now spent and the new one is current. */
    ROTATED,
    /** The token was spent already: the whole session has been revoked. */
    REUSED,
    /** No live session knows the token (never issued, expired, or its session ended). */
    UNKNOWN
  }

  public static Rotation unknown() {
    return new Rotation(Outcome.UNKNOWN, null, null);
  }
}
