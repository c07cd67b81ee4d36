package vent.web.api;

import dev.vent.relation.v1.FollowCounts;
import dev.vent.user.v1.User;
import java.time.Instant;

/**
 * A profile with its follow counts (GET /users/{id}, GET /users?username=, GET and PATCH /me): the
 * fields of {@link UserJson} plus {@code followersCount} and {@code followingCount}.
 */
public record ProfileJson(
    String id,
    String username,
    String displayName,
    String bio,
    String createdAt,
    long followersCount,
    long followingCount) {

  public static ProfileJson of(User user, FollowCounts counts) {
    return new ProfileJson(
        user.getId(),
        user.getUsername(),
        user.getDisplayName(),
        user.getBio(),
        Instant.ofEpochMilli(user.getCreatedAtMs()).toString(),
        counts.getFollowers(),
        counts.getFollowing());
  }
}
