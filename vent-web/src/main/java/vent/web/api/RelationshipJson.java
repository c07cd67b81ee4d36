package vent.web.api;

import dev.vent.relation.v1.Relationship;

/**
 * How the caller relates to one user: {@code {id, following, followedBy, blocking, muting}}.
 * Whether that user blocks the caller is not told.
 *
 * @param following the caller follows {@code id}
 * @param followedBy {@code id} follows the caller
 * @param blocking the caller blocks {@code id}
 * @param muting the caller mutes {@code id}
 */
public record RelationshipJson(
    String id, boolean following, boolean followedBy, boolean blocking, boolean muting) {

  public static RelationshipJson of(Relationship relationship) {
    return new RelationshipJson(
        relationship.getUserId(),
        relationship.getFollowing(),
        relationship.getFollowedBy(),
        relationship.getBlocking(),
        relationship.getMuting());
  }
}
