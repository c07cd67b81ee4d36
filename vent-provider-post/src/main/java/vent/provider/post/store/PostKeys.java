package vent.provider.post.store;

import vent.common.events.EventStreams;
import vent.common.events.Outbox;

/**
 * Redis key names. Every key of one user carries the hash tag {@code {<user id>}}, so all of them
 * share one Redis Cluster slot and every script touches one slot (module README, "Redis key
 * layout"). A vent's key is found from its id alone: the id starts with its author's id.
 */
final class PostKeys {

  /** The producing service's name in outbox keys ({@link Outbox#key}). */
  static final String SERVICE = "post";

  /** SET: the authors above the fan-out threshold, merged into timelines when read. */
  static final String BIG_AUTHORS = "vent:timeline:{big-authors}";

  private PostKeys() {}

  /** HASH: text, audience, createdAt, expiresAt, mentions; PEXPIREAT when the vent expires. */
  static String vent(String authorId, String ventId) {
    return "vent:post:{" + authorId + "}:vent:" + ventId;
  }

  /** ZSET: the author's vents, member = vent id, score = created at (ms). */
  static String vents(String authorId) {
    return "vent:post:{" + authorId + "}:vents";
  }

  /** ZSET: the user's home timeline, member = vent id, score = created at (ms). */
  static String home(String userId) {
    return "vent:timeline:{" + userId + "}:home";
  }

  /** The outbox on the user's slot. */
  static String outbox(String userId) {
    return Outbox.key(SERVICE, userId);
  }

  /** The post stream shard that the author's events go to. */
  static String shard(String authorId, int shards) {
    return EventStreams.shardFor(EventStreams.POST, authorId, shards);
  }
}
