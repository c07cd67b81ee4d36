package vent.provider.relation.domain;

/**
 * One directed edge of the follow graph.
 *
 * @param followerId the user who follows
 * @param followeeId the user who is followed
 */
public record FollowEdge(String followerId, String followeeId) {}
