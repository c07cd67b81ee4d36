package vent.provider.auth.store;

/** Redis key names of the auth provider (layout in the module README). */
final class AuthKeys {

  static final String PREFIX = "vent:auth:";
  static final String CRED = PREFIX + "cred:";
  static final String USER_CRED = PREFIX + "user-cred:";
  static final String SESSION = PREFIX + "session:";
  static final String REFRESH = PREFIX + "refresh:";
  static final String USER_SESSIONS = PREFIX + "user-sessions:";
  static final String JWKS = PREFIX + "jwks";
  static final String JWK_CURRENT = PREFIX + "jwk-current";
  static final String JWK_RETIRED = PREFIX + "jwk-retired";
  static final String LOGIN_FAILURES = PREFIX + "login-failures:";

  private AuthKeys() {}

  static String cred(String lowerUsername) {
    return CRED + lowerUsername;
  }

  static String userCred(String userId) {
    return USER_CRED + userId;
  }

  static String session(String sessionId) {
    return SESSION + sessionId;
  }

  static String refresh(String refreshHash) {
    return REFRESH + refreshHash;
  }

  static String loginFailures(String subject) {
    return LOGIN_FAILURES + subject;
  }

  static String userSessions(String userId) {
    return USER_SESSIONS + userId;
  }
}
