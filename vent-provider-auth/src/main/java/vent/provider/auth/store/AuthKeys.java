package vent.provider.auth.store;

/**
 * Redis key names of the auth provider (layout in the module README). Everything of one user
 * carries the hash tag {@code {<user id>}}, so a session or credential script runs on one slot of a
 * Redis Cluster; the username pointer has the tag of the name, the signing keys share {@code
 * {jwk}}, and each login-failure set is one key on its own slot.
 */
final class AuthKeys {

  static final String PREFIX = "vent:auth:";
  static final String JWKS = PREFIX + "{jwk}:jwks";
  static final String JWK_CURRENT = PREFIX + "{jwk}:current";
  static final String JWK_RETIRED = PREFIX + "{jwk}:retired";
  static final String LOGIN_FAILURES = PREFIX + "login-failures:";

  private AuthKeys() {}

  /**
   * @return the prefix of every key of user {@code userId}, {@code vent:auth:{<id>}:}
   */
  static String user(String userId) {
    return PREFIX + "{" + userId + "}:";
  }

  /** Hash {userId, username, hash, changedAtMs, ver}. */
  static String cred(String userId) {
    return user(userId) + "cred";
  }

  /** String: lower-case username -> user id, on the name's slot. */
  static String name(String lowerUsername) {
    return PREFIX + "name:{" + lowerUsername + "}";
  }

  static String sessionPrefix(String userId) {
    return user(userId) + "session:";
  }

  static String session(String userId, String sessionId) {
    return sessionPrefix(userId) + sessionId;
  }

  static String refreshPrefix(String userId) {
    return user(userId) + "refresh:";
  }

  static String refresh(String userId, String refreshHash) {
    return refreshPrefix(userId) + refreshHash;
  }

  static String userSessions(String userId) {
    return user(userId) + "sessions";
  }

  static String loginFailures(String subject) {
    return LOGIN_FAILURES + subject;
  }
}
