package vent.provider.auth.domain;

/**
 * What a client gets when a session opens or its refresh token rotates.
 *
 * @param accessToken compact JWS (RFC 7515)
 * @param refreshToken opaque, 256 random bits in base64url; single use
 * @param expiresInSeconds access token lifetime, seconds
 * @param refreshExpiresInSeconds refresh token lifetime, seconds
 * @param sessionId 32 hex characters; the access token's "sid" claim
 */
public record Tokens(
    String accessToken,
    String refreshToken,
    long expiresInSeconds,
    long refreshExpiresInSeconds,
    String sessionId) {

  /** Never prints the tokens themselves. */
  @Override
  public String toString() {
    return "Tokens[sessionId=" + sessionId + ", expiresInSeconds=" + expiresInSeconds + "]";
  }
}
