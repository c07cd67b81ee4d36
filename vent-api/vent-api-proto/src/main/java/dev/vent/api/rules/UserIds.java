package dev.vent.api.rules;

import dev.vent.common.v1.Format;

/**
 * What a user id looks like, for every side: the {@code USER_ID} format of {@code
 * vent/common/v1/rules.proto}, a decimal number without sign or leading zero of 1 to 19 digits, as
 * {@code vent.user.v1.UserService} issues them (e.g. {@code "1042"}).
 */
public final class UserIds {

  private UserIds() {}

  /**
   * @param id a candidate id, may be {@code null}
   * @return whether {@code id} has the shape of a user id ({@code null} and {@code ""} do not);
   *     says nothing about whether such a user exists
   */
  public static boolean isWellFormed(String id) {
    return Formats.matches(Format.USER_ID, id);
  }

  /**
   * The order of "user id ascending": numeric, which for well-formed ids is shorter first, then
   * lexicographic.
   *
   * @param a a well-formed user id
   * @param b a well-formed user id
   * @return negative, zero or positive as {@code a} is below, equal to or above {@code b}
   */
  public static int compareNumerically(String a, String b) {
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }
}
