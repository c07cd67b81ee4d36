package vent.provider.relation.domain;

/**
 * A follow suggestion.
 *
 * @param userId the suggested user
 * @param mutualCount how many of the asking user's (sampled) followees follow them, at least 1
 */
public record SuggestedUser(String userId, int mutualCount) {}
