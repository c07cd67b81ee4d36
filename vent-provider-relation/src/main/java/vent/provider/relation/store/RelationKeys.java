package vent.provider.relation.store;

import vent.common.events.EventStreams;
import vent.common.events.Outbox;

/**
 * Redis key names. Every key of one user carries the hash tag {@code {<user id>}}, so all of them
 * share one Redis Cluster slot and every script touches one slot (module README, "Redis key
 * layout").
 */
final class RelationKeys {

  /** The producing service's name in outbox keys ({@link Outbox#key}). */
  static final String SERVICE = "relation";

  private static final String PREFIX = "vent:relation:{";

  private RelationKeys() {}

  /** ZSET: member = followee id, score = the follow's version (ms). */
  static String following(String userId) {
    return PREFIX + userId + "}:following";
  }

  /** ZSET: member = follower id, score = the follow's version (ms), as in following. */
  static String followers(String userId) {
    return PREFIX + userId + "}:followers";
  }

  /** String, set once the user's account is deleted: no edge may be added for them afterwards. */
  static String deleted(String userId) {
    return PREFIX + userId + "}:deleted";
  }

  /** String: the last version (ms) the user's follows, unfollows and removals were given. */
  static String clock(String userId) {
    return PREFIX + userId + "}:clock";
  }

  /** ZSET on the followee's side: member = former follower id, score = version of the removal. */
  static String unfollowed(String userId) {
    return PREFIX + userId + "}:unfollowed";
  }

  /** ZSET: member = user the user blocks, score = the block's version (ms). */
  static String blocking(String userId) {
    return PREFIX + userId + "}:blocking";
  }

  /** ZSET, from the hand-off: member = user who blocks the user, score = that block's version. */
  static String blockedBy(String userId) {
    return PREFIX + userId + "}:blocked-by";
  }

  /**
   * ZSET on the blocked user's side: member = former blocker id, score = version of the latest
   * unblock (tombstone against an older Blocked arriving late).
   */
  static String liftedBlocks(String userId) {
    return PREFIX + userId + "}:lifted-blocks";
  }

  /** ZSET: member = user the user mutes, score = when the mute began (ms). */
  static String muting(String userId) {
    return PREFIX + userId + "}:muting";
  }

  /** The outbox on the user's slot. */
  static String outbox(String userId) {
    return Outbox.key(SERVICE, userId);
  }

  /** The relation stream shard that the user's events go to. */
  static String shard(String userId, int shards) {
    return EventStreams.shardFor(EventStreams.RELATION, userId, shards);
  }
}
