package vent.web.api;

import dev.vent.auth.v1.TokenPair;

/**
 * A session's tokens: {@code {accessToken, refreshToken, expiresIn, tokenType: "Bearer"}}.
 *
 * @param accessToken ES256 JWT to send as {@code Authorization: Bearer <accessToken>}
 * @param refreshToken opaque, single use: POST /sessions/refresh returns a new one
 * @param expiresIn lifetime of the access token, seconds
 * @param tokenType always {@code Bearer}
 */
public record TokensJson(
    String accessToken, String refreshToken, long expiresIn, String tokenType) {

  public static TokensJson of(TokenPair tokens) {
    return new TokensJson(
        tokens.getAccessToken(), tokens.getRefreshToken(), tokens.getExpiresInSeconds(), "Bearer");
  }
}
