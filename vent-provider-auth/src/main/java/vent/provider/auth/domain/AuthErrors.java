package vent.provider.auth.domain;

import dev.vent.auth.v1.ErrorReason;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

/** The failures AuthService reports, with reasons from {@code vent.auth.v1.ErrorReason}. */
public final class AuthErrors {

  private AuthErrors() {}

  /** UNAUTHENTICATED INVALID_CREDENTIALS; deliberately never says whether the user exists. */
  public static VentException invalidCredentials() {
    return new VentException(
        ErrorKind.UNAUTHENTICATED,
        ErrorReason.INVALID_CREDENTIALS.name(),
        "wrong username or password");
  }

  /** INVALID_ARGUMENT CAPTCHA_INVALID. */
  public static VentException captchaInvalid() {
    return VentException.invalid(
        ErrorReason.CAPTCHA_INVALID.name(),
        "captcha unknown, expired, already used or wrongly answered");
  }

  /** FAILED_PRECONDITION CAPTCHA_REQUIRED: too many recent failed logins; solve a captcha. */
  public static VentException captchaRequired() {
    return new VentException(
        ErrorKind.FAILED_PRECONDITION,
        ErrorReason.CAPTCHA_REQUIRED.name(),
        "too many failed logins: send captchaId and captchaAnswer with the next attempt");
  }

  /** INVALID_ARGUMENT INVALID_PASSWORD. */
  public static VentException invalidPassword(String detail) {
    return VentException.invalid(ErrorReason.INVALID_PASSWORD.name(), detail);
  }

  /** UNAUTHENTICATED REFRESH_TOKEN_INVALID. */
  public static VentException refreshTokenInvalid() {
    return new VentException(
        ErrorKind.UNAUTHENTICATED,
        ErrorReason.REFRESH_TOKEN_INVALID.name(),
        "refresh token unknown, expired, spent or revoked");
  }

  /** INVALID_ARGUMENT MISSING_FIELD naming the empty field (proto field name). */
  public static VentException missingField(String field) {
    return VentException.invalid(ErrorReason.MISSING_FIELD.name(), field + " is required");
  }

  /** Throws MISSING_FIELD when {@code value} is null or blank. */
  public static String require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw missingField(field);
    }
    return value;
  }
}
