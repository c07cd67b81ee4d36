package vent.provider.relation.domain;

/**
 * @param userId the user
 * @param followers how many users follow them
 * @param following how many users they follow
 */
public record UserCounts(String userId, long followers, long following) {}
