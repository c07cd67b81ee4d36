package vent.web.rpc;

import dev.vent.auth.v1.AuthService;
import dev.vent.auth.v1.ChangePasswordRequest;
import dev.vent.auth.v1.DeleteAccountRequest;
import dev.vent.auth.v1.GetJwksRequest;
import dev.vent.auth.v1.LoginRequest;
import dev.vent.auth.v1.LogoutRequest;
import dev.vent.auth.v1.RefreshRequest;
import dev.vent.auth.v1.RegisterRequest;
import dev.vent.auth.v1.RegisterResponse;
import dev.vent.auth.v1.TokenPair;
import vent.common.error.RequestChecks;

/**
 * The auth provider as vent-web uses it. Every method throws {@link
 * vent.common.error.VentException} with the provider's reason (see {@code vent/auth/v1/auth.proto}:
 * CAPTCHA_INVALID, INVALID_PASSWORD, USERNAME_TAKEN, INVALID_CREDENTIALS, REFRESH_TOKEN_INVALID,
 * ...) or UNAVAILABLE / DEPENDENCY_UNAVAILABLE. Which calls are retried after a lost answer: {@link
 * VentRpc}.
 */
public final class AuthClient {

  private final AuthService auth;

  public AuthClient(AuthService auth) {
    // Every request is checked against the IDL's field rules before it leaves.
    this.auth = RequestChecks.checking(AuthService.class, auth);
  }

  /** Captcha check, user creation and first session in one call. */
  public RegisterResponse register(RegisterRequest request) {
    return Rpc.call(() -> auth.register(request));
  }

  /**
   * @param request with {@code client_ip} set to the caller's address
   */
  public TokenPair login(LoginRequest request) {
    return Rpc.call(() -> auth.login(request));
  }

  /** Rotates the refresh token. */
  public TokenPair refresh(String refreshToken) {
    return Rpc.call(
        () -> auth.refresh(RefreshRequest.newBuilder().setRefreshToken(refreshToken).build()));
  }

  /** Ends one session of one user; idempotent. */
  public void logout(String sessionId, String userId) {
    Rpc.call(
        () ->
            auth.logout(
                LogoutRequest.newBuilder().setSessionId(sessionId).setUserId(userId).build()));
  }

  /**
   * Revokes every session of the user and opens a new one.
   *
   * @param captchaId with {@code captchaAnswer}: a solved captcha, or null when none was sent
   */
  public TokenPair changePassword(
      String userId,
      String currentPassword,
      String newPassword,
      String captchaId,
      String captchaAnswer) {
    return Rpc.call(
        () ->
            auth.changePassword(
                ChangePasswordRequest.newBuilder()
                    .setUserId(userId)
                    .setCurrentPassword(currentPassword)
                    .setNewPassword(newPassword)
                    .setCaptchaId(orEmpty(captchaId))
                    .setCaptchaAnswer(orEmpty(captchaAnswer))
                    .build()));
  }

  /**
   * Deletes the account after checking its password again; sessions, credential and follow edges go
   * asynchronously, from the UserDeleted event (within about 2 s). Never retried: a second attempt
   * after a lost answer would find the account gone and report INVALID_CREDENTIALS.
   *
   * @param userId the caller's {@code sub}
   * @param password the account's current password, re-confirmed
   * @param captchaId with {@code captchaAnswer}: a solved captcha, or null when none was sent
   * @throws vent.common.error.VentException UNAUTHENTICATED INVALID_CREDENTIALS (wrong password, or
   *     no such account), INVALID_ARGUMENT MISSING_FIELD / CAPTCHA_INVALID, FAILED_PRECONDITION
   *     CAPTCHA_REQUIRED, UNAVAILABLE (nothing was deleted)
   */
  public void deleteAccount(
      String userId, String password, String captchaId, String captchaAnswer) {
    Rpc.call(
        () ->
            auth.deleteAccount(
                DeleteAccountRequest.newBuilder()
                    .setUserId(userId)
                    .setPassword(password)
                    .setCaptchaId(orEmpty(captchaId))
                    .setCaptchaAnswer(orEmpty(captchaAnswer))
                    .build()));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** The JWK Set JSON that verifies access tokens. */
  public String jwksJson() {
    return Rpc.call(() -> auth.getJwks(GetJwksRequest.getDefaultInstance())).getJwksJson();
  }
}
