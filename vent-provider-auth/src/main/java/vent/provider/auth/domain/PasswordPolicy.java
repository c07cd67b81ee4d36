package vent.provider.auth.domain;

import dev.vent.api.rules.FieldRule;
import dev.vent.auth.v1.RegisterRequest;

/**
 * What a password must be: the {@code password} rule of {@code vent/auth/v1/auth.proto}, 8 to 72
 * bytes in UTF-8. 72 bytes is the most bcrypt reads; longer input would be cut silently, so it is
 * refused instead.
 */
public final class PasswordPolicy {

  private static final FieldRule PASSWORD =
      FieldRule.of(RegisterRequest.getDescriptor(), "password");

  /** Shortest password, bytes (UTF-8). */
  public static final int MIN_BYTES = PASSWORD.rules().getMinBytes();

  /** Longest password, bytes (UTF-8): bcrypt's input limit. */
  public static final int MAX_BYTES = PASSWORD.rules().getMaxBytes();

  private PasswordPolicy() {}

  /**
   * @return true when {@code password} is 8..72 bytes in UTF-8
   */
  public static boolean acceptable(String password) {
    return password != null && PASSWORD.check(password).isEmpty();
  }

  /**
   * @throws vent.common.error.VentException INVALID_ARGUMENT INVALID_PASSWORD when not {@link
   *     #acceptable(String)}
   */
  public static void check(String password) {
    PASSWORD
        .check(password)
        .ifPresent(
            violation -> {
              throw AuthErrors.invalidPassword(violation.detail());
            });
  }
}
