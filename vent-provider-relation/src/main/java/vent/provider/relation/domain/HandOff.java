package vent.provider.relation.domain;

/**
 * The other user's side of an edge change that was written on one user's keys: applied by the
 * hand-off consumer, newest version wins per edge, so applying one twice or out of order is
 * harmless.
 *
 * @param kind what to apply, and on whose side
 * @param followerId the follower; for {@link Kind#BLOCKED} and {@link Kind#UNBLOCKED} the blocker
 * @param followeeId the followee; for {@link Kind#BLOCKED} and {@link Kind#UNBLOCKED} the blocked
 *     user, on whose side they apply
 * @param version the change's version, milliseconds since the epoch (the follow time for {@link
 *     Kind#FOLLOWED})
 */
public record HandOff(Kind kind, String followerId, String followeeId, long version) {

  /** What changed; each kind is applied on one side of the edge. */
  public enum Kind {
    /** Followee's side: add the follower and the "followed you" notification. */
    FOLLOWED,
    /** Followee's side: remove the follower (the notification stays). */
    UNFOLLOWED,
    /** Followee's side: the follower was deleted; remove them and their notification. */
    FOLLOWER_DELETED,
    /** Follower's side: the followee was deleted; remove them from the follower's following. */
    FOLLOWEE_DELETED,
    /**
     * Blocked user's side: record who blocks them, remove the follows between the two that their
     * side holds.
     */
    BLOCKED,
    /** Blocked user's side: forget the block. */
    UNBLOCKED
  }
}
