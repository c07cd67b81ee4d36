package vent.web.api;

import java.util.regex.Pattern;

/** What a user id looks like on the wire: the user service's opaque decimal strings. */
public final class UserIds {

  private static final Pattern WELL_FORMED = Pattern.compile("[0-9]{1,19}");

  private UserIds() {}

  /** True for 1-19 ASCII digits (no sign, no spaces): the ids the user service issues. */
  public static boolean isWellFormed(String id) {
    return id != null && WELL_FORMED.matcher(id).matches();
  }
}
