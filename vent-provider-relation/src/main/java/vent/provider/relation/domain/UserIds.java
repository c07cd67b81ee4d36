package vent.provider.relation.domain;

import vent.common.error.VentException;
import vent.relation.v1.ErrorReason;

/**
 * Well-formedness of user ids: decimal strings without sign or leading zero, 1 to 19 digits
 * ({@code ^[1-9][0-9]{0,18}$}). Existence is the callers' business (see relation.proto).
 */
public final class UserIds {

  /** Longest accepted id, in characters. */
  public static final int MAX_LENGTH = 19;

  private UserIds() {}

  /** @return whether {@code id} is a well-formed user id ({@code null} is not) */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH || id.charAt(0) < '1' || id.charAt(0) > '9') {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * @param field the request field, named in the error detail, e.g. {@code follower_id}
   * @return {@code id}
   * @throws VentException INVALID_ARGUMENT / INVALID_USER_ID if {@code id} is not well-formed
   */
  public static String require(String id, String field) {
    if (!isValid(id)) {
      throw VentException.invalid(ErrorReason.INVALID_USER_ID.name(),
          field + (id == null || id.isEmpty() ? " is empty" : " is not a decimal user id"));
    }
    return id;
  }

  /**
   * The order of "user id ascending": numeric, which for well-formed ids is shorter first,
   * then lexicographic.
   */
  public static int compareNumerically(String a, String b) {
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }
}
