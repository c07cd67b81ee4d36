package vent.provider.auth.domain;

/**
 * A signed access token.
 *
 * @param compact compact JWS serialization (RFC 7515 section 7.1)
 * @param expiresInSeconds lifetime from issue, seconds
 */
public record AccessToken(String compact, long expiresInSeconds) {}
