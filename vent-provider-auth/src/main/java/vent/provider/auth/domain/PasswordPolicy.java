package vent.provider.auth.domain;

import java.nio.charset.StandardCharsets;

/**
 * What a password must be: 8 to 72 bytes in UTF-8. 72 bytes is the most bcrypt reads; longer
 * input would be cut silently, so it is refused instead.
 */
public final class PasswordPolicy {

  /** Shortest password, bytes (UTF-8). */
  public static final int MIN_BYTES = 8;
  /** Longest password, bytes (UTF-8): bcrypt's input limit. */
  public static final int MAX_BYTES = 72;

  private PasswordPolicy() {}

  /** @return true when {@code password} is 8..72 bytes in UTF-8 */
  public static boolean acceptable(String password) {
    if (password == null) {
      return false;
    }
    int bytes = password.getBytes(StandardCharsets.UTF_8).length;
    return bytes >= MIN_BYTES && bytes <= MAX_BYTES;
  }

  /**
   * @throws vent.common.error.VentException INVALID_ARGUMENT INVALID_PASSWORD when not
   *     {@link #acceptable(String)}
   */
  public static void check(String password) {
    if (!acceptable(password)) {
      throw AuthErrors.invalidPassword(
          "password must be " + MIN_BYTES + " to " + MAX_BYTES + " bytes in UTF-8");
    }
  }
}
