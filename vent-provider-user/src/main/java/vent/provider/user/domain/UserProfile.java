package vent.provider.user.domain;

/**
 * A stored user profile.
 *
 * @param id decimal string assigned by the store ({@link dev.vent.api.rules.UserIds})
 * @param username lower-case, by {@link UserRules#normalizeUsername} (or, imported, {@link
 *     UserRules#normalizeImportedUsername})
 * @param displayName as {@link UserRules#checkDisplayName} accepts
 * @param bio as {@link UserRules#checkBio} accepts
 * @param createdAtMs creation time, milliseconds since the Unix epoch (UTC)
 * @param updatedAtMs last change, milliseconds since the Unix epoch (UTC)
 */
public record UserProfile(
    String id,
    String username,
    String displayName,
    String bio,
    long createdAtMs,
    long updatedAtMs) {}
