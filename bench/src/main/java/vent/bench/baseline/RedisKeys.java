package vent.bench.baseline;

/**
 * The providers' Redis key names, copied from vent-provider-user's {@code UserKeys} and
 * vent-provider-relation's {@code RelationKeys} (layouts in their READMEs): the baseline reads the
 * very keys the microservices write.
 */
final class RedisKeys {

  private RedisKeys() {}

  /** Hash of one profile: id, username, displayName, bio, createdAtMs, updatedAtMs. */
  static String profile(String userId) {
    return "vent:user:{" + userId + "}";
  }

  /** ZSET: member = follower id, score = follow time (ms). */
  static String followers(String userId) {
    return "vent:relation:{" + userId + "}:followers";
  }

  /** ZSET: member = followee id, score = follow time (ms). */
  static String following(String userId) {
    return "vent:relation:{" + userId + "}:following";
  }
}
