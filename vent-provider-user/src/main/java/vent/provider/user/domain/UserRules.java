package vent.provider.user.domain;

import java.util.regex.Pattern;
import vent.common.error.VentException;
import vent.user.v1.ErrorReason;

/**
 * Validation and normalisation of user input. Every check throws an INVALID_ARGUMENT
 * {@link VentException} whose reason comes from {@code vent.user.v1.ErrorReason}. Details never
 * echo the rejected input, which may be large or hostile.
 */
public final class UserRules {

  /** Longest display name, Unicode code points. */
  public static final int DISPLAY_NAME_MAX = 50;
  /** Longest bio, Unicode code points. */
  public static final int BIO_MAX = 160;
  /** Most ids one BatchGetUsers call accepts. */
  public static final int BATCH_GET_MAX = 500;
  /** Most usernames one EnsureUsers call accepts. */
  public static final int ENSURE_MAX = 1000;

  private static final Pattern USERNAME = Pattern.compile("^[a-z0-9_]{3,30}$");
  private static final Pattern IMPORTED_USERNAME = Pattern.compile("^[a-z0-9_]{1,30}$");
  private static final Pattern USER_ID = Pattern.compile("^[1-9][0-9]{0,18}$");

  private UserRules() {}

  /**
   * Lower-cases ASCII letters and checks the username rules: 3-30 characters of
   * {@code [a-z0-9_]}. Only ASCII is case-folded, so non-ASCII look-alikes (e.g. the Kelvin sign,
   * which Java lower-cases to {@code k}) are rejected instead of aliasing an ASCII name.
   *
   * @param raw username as the caller typed it, may be {@code null}
   * @return the normalised (lower-case) username
   * @throws VentException INVALID_ARGUMENT / INVALID_USERNAME when the rules are not met
   */
  public static String normalizeUsername(String raw) {
    String lower = raw == null ? "" : asciiLowerCase(raw);
    if (!USERNAME.matcher(lower).matches()) {
      throw VentException.invalid(ErrorReason.INVALID_USERNAME.name(),
          "username must be 3-30 characters of a-z, 0-9 and _");
    }
    return lower;
  }

  /**
   * Like {@link #normalizeUsername} but with the imported-graph minimum of 1 character, for
   * EnsureUsers and for look-ups by username. Imports name a graph's node N {@code uN} (the brief's
   * rule), so node 3 is {@code u3}: shorter than self-registration allows, yet a real user that
   * must be found by name. Registration (CreateUser) keeps the 3-character minimum.
   *
   * @throws VentException INVALID_ARGUMENT / INVALID_USERNAME unless 1-30 characters of
   *     {@code [a-z0-9_]} after ASCII lower-casing
   */
  public static String normalizeImportedUsername(String raw) {
    String lower = raw == null ? "" : asciiLowerCase(raw);
    if (!IMPORTED_USERNAME.matcher(lower).matches()) {
      throw VentException.invalid(ErrorReason.INVALID_USERNAME.name(),
          "username must be 1-30 characters of a-z, 0-9 and _");
    }
    return lower;
  }

  /**
   * Checks a display name: 1-50 code points, not only white space, no ISO control characters and
   * no format characters (Unicode category Cf: bidi controls such as U+202E, zero-width ones such
   * as U+200B, U+200D or U+FEFF). Emoji joined by U+200D (ZWJ sequences) are refused with them.
   *
   * @throws VentException INVALID_ARGUMENT / INVALID_DISPLAY_NAME otherwise
   */
  public static String checkDisplayName(String displayName) {
    String reason = ErrorReason.INVALID_DISPLAY_NAME.name();
    if (displayName == null || displayName.isBlank()) {
      throw VentException.invalid(reason, "display name must not be empty");
    }
    if (displayName.codePointCount(0, displayName.length()) > DISPLAY_NAME_MAX) {
      throw VentException.invalid(reason, "display name must be at most " + DISPLAY_NAME_MAX + " characters");
    }
    if (displayName.codePoints().anyMatch(cp -> isForbidden(cp, false))) {
      throw VentException.invalid(reason, "display name must not contain control or format characters");
    }
    return displayName;
  }

  /**
   * Checks a bio: 0-160 code points, no ISO control characters except newline ({@code \n}), no
   * format characters (Unicode category Cf, as for {@link #checkDisplayName}).
   *
   * @param bio may be {@code null}, read as empty
   * @return the bio, empty instead of {@code null}
   * @throws VentException INVALID_ARGUMENT / INVALID_BIO otherwise
   */
  public static String checkBio(String bio) {
    String value = bio == null ? "" : bio;
    String reason = ErrorReason.INVALID_BIO.name();
    if (value.codePointCount(0, value.length()) > BIO_MAX) {
      throw VentException.invalid(reason, "bio must be at most " + BIO_MAX + " characters");
    }
    if (value.codePoints().anyMatch(cp -> isForbidden(cp, true))) {
      throw VentException.invalid(reason, "bio must not contain control characters other than newline, nor format characters");
    }
    return value;
  }

  /**
   * Checks a user id: a decimal number without leading zeros, at most 19 digits.
   *
   * @throws VentException INVALID_ARGUMENT / INVALID_USER_ID otherwise
   */
  public static String checkUserId(String id) {
    if (id == null || !USER_ID.matcher(id).matches()) {
      throw VentException.invalid(ErrorReason.INVALID_USER_ID.name(),
          "user id must be a decimal number of 1-19 digits without leading zeros");
    }
    return id;
  }

  /**
   * Checks how many ids or usernames one call carries.
   *
   * @throws VentException INVALID_ARGUMENT / TOO_MANY_IDS when {@code count > max}
   */
  public static void checkCount(int count, int max) {
    if (count > max) {
      throw VentException.invalid(ErrorReason.TOO_MANY_IDS.name(),
          "at most " + max + " per call, got " + count);
    }
  }

  private static boolean isForbidden(int cp, boolean newlineAllowed) {
    if (newlineAllowed && cp == '\n') {
      return false;
    }
    // An unpaired surrogate cannot be stored as UTF-8 and would come back altered; a format
    // character reorders or hides text that other users read (a name shown reversed, two names
    // that look alike).
    int type = Character.getType(cp);
    return Character.isISOControl(cp) || type == Character.SURROGATE || type == Character.FORMAT;
  }

  private static String asciiLowerCase(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (sb == null) {
          sb = new StringBuilder(s);
        }
        sb.setCharAt(i, (char) (c + ('a' - 'A')));
      }
    }
    return sb == null ? s : sb.toString();
  }
}
