package vent.provider.post.domain;

/**
 * A user mentioned in a vent's text who may see the vent.
 *
 * @param userId the user's id
 * @param username lower-case, as in the text after "@"
 */
public record Mention(String userId, String username) {}
