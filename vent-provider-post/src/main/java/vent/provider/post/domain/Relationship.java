package vent.provider.post.domain;

/**
 * How one user ({@code viewer}, the asking side) stands to another, as the relation service's
 * GetRelationships answers it.
 *
 * @param otherId the other user
 * @param following the viewer follows the other user
 * @param followedBy the other user follows the viewer
 * @param blocking the viewer blocks the other user
 * @param blockedBy the other user blocks the viewer
 * @param muting the viewer mutes the other user
 */
public record Relationship(
    String otherId,
    boolean following,
    boolean followedBy,
    boolean blocking,
    boolean blockedBy,
    boolean muting) {

  /** No relationship at all: what an unknown or deleted user has with anyone. */
  public static Relationship none(String otherId) {
    return new Relationship(otherId, false, false, false, false, false);
  }

  /** Either side blocks the other. */
  public boolean blockedEitherWay() {
    return blocking || blockedBy;
  }
}
