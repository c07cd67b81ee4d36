package vent.web.api;

import vent.relation.v1.Relationship;

/**
 * How the caller relates to one user: {@code {id, following, followedBy}}.
 *
 * @param following the caller follows {@code id}
 * @param followedBy {@code id} follows the caller
 */
public record RelationshipJson(String id, boolean following, boolean followedBy) {

  public static RelationshipJson of(Relationship relationship) {
    return new RelationshipJson(relationship.getUserId(), relationship.getFollowing(), relationship.getFollowedBy());
  }
}
