package vent.provider.user.domain;

/**
 * One username of an {@link UserUseCases#ensureUsers} call and the user it resolved to.
 *
 * @param username the normalised (lower-case) username
 * @param id the user's id
 * @param created true when this call created the user
 */
public record EnsuredUser(String username, String id, boolean created) {}
