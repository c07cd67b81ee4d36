package vent.provider.relation.domain;

/**
 * How the asking user relates to {@code userId}.
 *
 * @param userId the other user
 * @param following the asking user follows {@code userId}
 * @param followedBy {@code userId} follows the asking user
 */
public record Relation(String userId, boolean following, boolean followedBy) {}
