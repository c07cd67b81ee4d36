package vent.provider.auth.domain;

/** Issues access tokens and publishes the keys that verify them. */
public interface TokenIssuer {

  /**
   * Signs an access token for a session: a JWT with claims iss, sub (= userId), sid (= sessionId),
   * iat, exp (seconds since the epoch) and jti.
   */
  AccessToken issue(String userId, String sessionId);

  /**
   * @return JSON text of a JWK Set (RFC 7517 section 5) holding public keys only
   */
  String publicJwksJson();
}
