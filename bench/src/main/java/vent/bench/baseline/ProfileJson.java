package vent.bench.baseline;

/**
 * A profile with its follow counts, field for field vent-web's {@code vent.web.api.ProfileJson}
 * (GET /users/{id}): the fields of {@link UserJson} plus {@code followersCount} and {@code
 * followingCount}.
 */
public record ProfileJson(
    String id,
    String username,
    String displayName,
    String bio,
    String createdAt,
    long followersCount,
    long followingCount) {

  /**
   * @param followersCount ZCARD of the user's followers ZSET
   * @param followingCount ZCARD of the user's following ZSET
   */
  public static ProfileJson of(UserJson user, long followersCount, long followingCount) {
    return new ProfileJson(
        user.id(),
        user.username(),
        user.displayName(),
        user.bio(),
        user.createdAt(),
        followersCount,
        followingCount);
  }
}
