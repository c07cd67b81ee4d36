package vent.common.events;

/**
 * Names of the Redis Streams that carry domain events ({@code vent/events/v1/events.proto}
 * documents the entry format) and their defaults.
 */
public final class EventStreams {

  /** UserRegistered, UserUpdated, UserDeleted; written by vent-provider-user. */
  public static final String USER = "vent:events:user";
  /** Followed, Unfollowed; written by vent-provider-relation. */
  public static final String RELATION = "vent:events:relation";

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

  /** @return the stream that entries of {@code stream} are moved to after too many failed deliveries */
  public static String deadLetter(String stream) {
    return stream + ":dead-letter";
  }
}
