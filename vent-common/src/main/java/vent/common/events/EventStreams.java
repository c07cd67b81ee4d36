package vent.common.events;

import java.util.ArrayList;
import java.util.List;
import vent.common.redis.Slots;

/**
 * Names of the Redis Streams that carry domain events ({@code vent/events/v1/events.proto}
 * documents the entry format) and their defaults.
 *
 * <p>Each event stream is split into shards, so that streams spread over a Redis Cluster's nodes:
 * shard {@code k} of {@code vent:events:user} is the key {@code vent:events:user:{user-k}}, and its
 * dead letters go to {@code vent:events:user:{user-k}:dead-letter} (the same hash tag, so the
 * dead-letter script runs on one node). An event goes to the shard of its partition key, the user
 * it is about (the actor for follows), so one user's events stay in one shard, in the order they
 * were relayed. The shard count is configuration ({@code events.shards}) and must be the same for
 * every process.
 */
public final class EventStreams {

  /**
   * Base name of the user stream: UserRegistered, UserUpdated, UserDeleted, by vent-provider-user.
   */
  public static final String USER = "vent:events:user";

  /**
   * Base name of the relation stream: Followed, Unfollowed, EdgeRemoved, Blocked, Unblocked, by
   * vent-provider-relation.
   */
  public static final String RELATION = "vent:events:relation";

  /** Base name of the post stream: VentPosted, VentDeleted, by vent-provider-post. */
  public static final String POST = "vent:events:post";

  /**
   * Default length, in entries, at or below which a stream is not trimmed: it then keeps a whole
   * wiki-Vote import (103,689 follows) twice for inspection and replay. Above it, consumers trim
   * only what every group acknowledged ({@link Retention}).
   */
  public static final long DEFAULT_MAX_LENGTH = 250_000;

  /** Approximate length a dead-letter stream is trimmed to, entries. */
  public static final long DEAD_LETTER_MAX_LENGTH = 10_000;

  /** Entry field holding the payload's message name, e.g. {@code UserDeleted}. */
  public static final String TYPE_FIELD = "type";

  /** Entry field holding the {@code vent.events.v1.Event} in proto3 JSON. */
  public static final String EVENT_FIELD = "event";

  private EventStreams() {}

  /**
   * @param shard a shard key ({@link #shard})
   * @return the stream that entries of {@code shard} are moved to after too many failed deliveries,
   *     on the same slot
   */
  public static String deadLetter(String shard) {
    return shard + ":dead-letter";
  }

  /**
   * @param stream a base name, e.g. {@link #USER}
   * @param index 0..shards-1
   * @return the key of that shard, e.g. {@code vent:events:user:{user-3}}
   */
  public static String shard(String stream, int index) {
    return stream + ":{" + stream.substring(stream.lastIndexOf(':') + 1) + "-" + index + "}";
  }

  /**
   * @param stream a base name, e.g. {@link #RELATION}
   * @param partitionKey what orders the events, the user id they are about
   * @param shards the configured shard count, at least 1
   * @return the shard key its events go to: {@code slot(partitionKey) mod shards}
   * @throws IllegalArgumentException shards below 1 (an unset {@code events.shards})
   */
  public static String shardFor(String stream, String partitionKey, int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1, got " + shards);
    }
    return shard(stream, Slots.slot(partitionKey) % shards);
  }

  /**
   * @return every shard key of {@code stream}, index 0 first
   * @throws IllegalArgumentException shards below 1 (an unset {@code events.shards})
   */
  public static List<String> shards(String stream, int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1, got " + shards);
    }
    List<String> keys = new ArrayList<>(shards);
    for (int i = 0; i < shards; i++) {
      keys.add(shard(stream, i));
    }
    return keys;
  }
}
