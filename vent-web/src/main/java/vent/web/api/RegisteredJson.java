package vent.web.api;

import dev.vent.auth.v1.RegisterResponse;

/**
 * Answer to a registration: the new user and the first session's tokens, {@code {user, accessToken,
 * refreshToken, expiresIn, tokenType}} (fields as {@link TokensJson}).
 */
public record RegisteredJson(
    UserJson user, String accessToken, String refreshToken, long expiresIn, String tokenType) {

  public static RegisteredJson of(RegisterResponse registered) {
    TokensJson tokens = TokensJson.of(registered.getTokens());
    return new RegisteredJson(
        UserJson.of(registered.getUser()),
        tokens.accessToken(),
        tokens.refreshToken(),
        tokens.expiresIn(),
        tokens.tokenType());
  }
}
