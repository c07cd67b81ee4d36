package vent.provider.relation.domain;

/**
 * One entry of a followers or following list.
 *
 * @param userId the follower (in a followers list) or the followee (in a following list)
 * @param followedAtMs when the follow happened, milliseconds since the epoch (UTC)
 */
public record FollowItem(String userId, long followedAtMs) {}
