package vent.provider.relation.store;

/**
 * Redis key names. The user id is a hash tag ({@code {id}}) so that one user's two sets share a
 * Redis Cluster slot: reads that combine them stay single-slot (see README, "Redis Cluster").
 */
final class RelationKeys {

  private static final String PREFIX = "vent:relation:{";

  private RelationKeys() {}

  /** ZSET: member = followee id, score = follow time (ms). */
  static String following(String userId) {
    return PREFIX + userId + "}:following";
  }

  /** ZSET: member = follower id, score = follow time (ms). */
  static String followers(String userId) {
    return PREFIX + userId + "}:followers";
  }

  /** String, set once the user's account is deleted: no edge may be added for them afterwards. */
  static String deleted(String userId) {
    return PREFIX + userId + "}:deleted";
  }

  /** What every relation key starts with, before the user id. */
  static String prefix() {
    return PREFIX;
  }
}
