package vent.provider.relation.domain;

/**
 * How the asking user relates to {@code userId}.
 *
 * @param userId the other user
 * @param following the asking user follows {@code userId}
 * @param followedBy {@code userId} follows the asking user
 * @param blocking the asking user blocks {@code userId}
 * @param blockedBy {@code userId} blocks the asking user (known once the block's hand-off is
 *     applied)
 * @param muting the asking user mutes {@code userId}
 */
public record Relation(
    String userId,
    boolean following,
    boolean followedBy,
    boolean blocking,
    boolean blockedBy,
    boolean muting) {

  /** A relation without blocks or mutes. */
  public Relation(String userId, boolean following, boolean followedBy) {
    this(userId, following, followedBy, false, false, false);
  }
}
