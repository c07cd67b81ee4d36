package vent.web.api;

import dev.vent.user.v1.User;
import java.time.Instant;

/**
 * A user's public profile: {@code {id, username, displayName, bio, createdAt}}.
 *
 * @param id decimal string
 * @param username lower-case, 3-30 of [a-z0-9_]
 * @param displayName 1-50 characters
 * @param bio at most 160 characters, may be empty
 * @param createdAt ISO-8601 UTC instant, e.g. {@code 2026-11-22T03:38:00.123Z}
 */
public record UserJson(
    String id, String username, String displayName, String bio, String createdAt) {

  public static UserJson of(User user) {
    return new UserJson(
        user.getId(),
        user.getUsername(),
        user.getDisplayName(),
        user.getBio(),
        Instant.ofEpochMilli(user.getCreatedAtMs()).toString());
  }
}
