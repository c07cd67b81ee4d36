package vent.provider.post.domain;

import java.util.List;
import java.util.Map;

/** Looks users up by username (the user service). */
public interface UserDirectory {

  /**
   * @param usernames distinct, lower-case, 1-30 characters of [a-z0-9_]
   * @return the id of each username that names a user; the others are left out
   */
  Map<String, String> idsOf(List<String> usernames);
}
