package vent.provider.relation.store;

/**
 * Redis key names of notification inboxes; the owner's id is a hash tag as in {@link RelationKeys}.
 */
final class NotificationKeys {

  private static final String PREFIX = "vent:notification:{";

  private NotificationKeys() {}

  /**
   * ZSET: member = {@code followed:<actor id>} or {@code mentioned:<vent id>}; score = time (ms).
   */
  static String inbox(String userId) {
    return PREFIX + userId + "}:inbox";
  }

  /** String: time (ms) of the newest inbox entry the owner has marked read. */
  static String readAt(String userId) {
    return PREFIX + userId + "}:read-at";
  }

  /** What every notification key starts with, before the user id. */
  static String prefix() {
    return PREFIX;
  }
}
