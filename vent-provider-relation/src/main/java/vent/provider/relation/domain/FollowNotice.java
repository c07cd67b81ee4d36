package vent.provider.relation.domain;

/**
 * A follow to tell the followee about: "{@code followerId} followed you".
 *
 * @param atMs the follow time, milliseconds since the Unix epoch
 */
public record FollowNotice(String followerId, String followeeId, long atMs) {}
