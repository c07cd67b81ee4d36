package vent.provider.user.domain;

import dev.vent.api.rules.FieldRule;
import dev.vent.user.v1.BatchGetUsersRequest;
import dev.vent.user.v1.CreateUserRequest;
import dev.vent.user.v1.EnsureUsersRequest;
import dev.vent.user.v1.GetUserByUsernameRequest;
import dev.vent.user.v1.GetUserRequest;
import vent.common.error.RequestChecks;
import vent.common.error.VentException;

/**
 * Validation and normalisation of user input, by the field rules of {@code vent/user/v1/user.proto}
 * (the same rules vent-web checks before calling). Every check throws an INVALID_ARGUMENT {@link
 * VentException} whose reason comes from {@code vent.user.v1.ErrorReason}. Details never echo the
 * rejected input, which may be large or hostile.
 */
public final class UserRules {

  private static final FieldRule USERNAME =
      FieldRule.of(CreateUserRequest.getDescriptor(), "username");
  private static final FieldRule ANY_USERNAME =
      FieldRule.of(GetUserByUsernameRequest.getDescriptor(), "username");
  private static final FieldRule DISPLAY_NAME =
      FieldRule.of(CreateUserRequest.getDescriptor(), "display_name");
  private static final FieldRule BIO = FieldRule.of(CreateUserRequest.getDescriptor(), "bio");
  private static final FieldRule USER_ID = FieldRule.of(GetUserRequest.getDescriptor(), "id");
  private static final FieldRule BATCH_IDS =
      FieldRule.of(BatchGetUsersRequest.getDescriptor(), "ids");
  private static final FieldRule ENSURE_USERNAMES =
      FieldRule.of(EnsureUsersRequest.getDescriptor(), "usernames");

  /** Longest display name, Unicode code points. */
  public static final int DISPLAY_NAME_MAX = DISPLAY_NAME.maxLength();

  /** Longest bio, Unicode code points. */
  public static final int BIO_MAX = BIO.maxLength();

  /** Most ids one BatchGetUsers call accepts. */
  public static final int BATCH_GET_MAX = BATCH_IDS.maxItems();

  /** Most usernames one EnsureUsers call accepts. */
  public static final int ENSURE_MAX = ENSURE_USERNAMES.maxItems();

  private UserRules() {}

  /**
   * Lower-cases ASCII letters and checks the username rules: 3-30 characters of {@code [a-z0-9_]}.
   * Only ASCII is case-folded, so non-ASCII look-alikes (e.g. the Kelvin sign, which Java
   * lower-cases to {@code k}) are rejected instead of aliasing an ASCII name.
   *
   * @param raw username as the caller typed it, may be {@code null}
   * @return the normalised (lower-case) username
   * @throws VentException INVALID_ARGUMENT / INVALID_USERNAME when the rules are not met
   */
  public static String normalizeUsername(String raw) {
    String lower = raw == null ? "" : asciiLowerCase(raw);
    RequestChecks.require(USERNAME.check(lower));
    return lower;
  }

  /**
   * Like {@link #normalizeUsername} but with the imported-graph minimum of 1 character, for
   * EnsureUsers and for look-ups by username. Imports name a graph's node N {@code uN} (the
   * import's naming rule), so node 3 is {@code u3}: shorter than self-registration allows, yet a
   * real user that must be found by name. Registration (CreateUser) keeps the 3-character minimum.
   *
   * @throws VentException INVALID_ARGUMENT / INVALID_USERNAME unless 1-30 characters of {@code
   *     [a-z0-9_]} after ASCII lower-casing
   */
  public static String normalizeImportedUsername(String raw) {
    String lower = raw == null ? "" : asciiLowerCase(raw);
    RequestChecks.require(ANY_USERNAME.check(lower));
    return lower;
  }

  /**
   * Checks a display name: 1-50 code points, not only white space, no control characters, no
   * unpaired surrogates and no format characters (Unicode category Cf: bidi controls such as
   * U+202E, zero-width ones such as U+200B, U+200D or U+FEFF). Emoji joined by U+200D (ZWJ
   * sequences) are refused with them.
   *
   * @throws VentException INVALID_ARGUMENT / INVALID_DISPLAY_NAME otherwise
   */
  public static String checkDisplayName(String displayName) {
    RequestChecks.require(DISPLAY_NAME.check(displayName));
    return displayName;
  }

  /**
   * Checks a bio: 0-160 code points, no control characters except newline ({@code \n}), no unpaired
   * surrogates, no format characters (as for {@link #checkDisplayName}).
   *
   * @param bio may be {@code null}, read as empty
   * @return the bio, empty instead of {@code null}
   * @throws VentException INVALID_ARGUMENT / INVALID_BIO otherwise
   */
  public static String checkBio(String bio) {
    String value = bio == null ? "" : bio;
    RequestChecks.require(BIO.check(value));
    return value;
  }

  /**
   * Checks a user id: a decimal number without leading zeros, at most 19 digits.
   *
   * @throws VentException INVALID_ARGUMENT / INVALID_USER_ID otherwise
   */
  public static String checkUserId(String id) {
    RequestChecks.require(USER_ID.check(id));
    return id;
  }

  /**
   * Checks how many ids one BatchGetUsers call carries.
   *
   * @throws VentException INVALID_ARGUMENT / TOO_MANY_IDS above {@link #BATCH_GET_MAX}
   */
  public static void checkBatchCount(int count) {
    RequestChecks.require(BATCH_IDS.checkCount(count));
  }

  /**
   * Checks how many usernames one EnsureUsers call carries.
   *
   * @throws VentException INVALID_ARGUMENT / TOO_MANY_IDS above {@link #ENSURE_MAX}
   */
  public static void checkEnsureCount(int count) {
    RequestChecks.require(ENSURE_USERNAMES.checkCount(count));
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
