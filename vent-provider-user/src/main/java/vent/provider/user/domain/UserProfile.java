package vent.provider.user.domain;

/**
 * A stored user profile.
 *
 * @param id decimal string assigned by the store ({@code ^[1-9][0-9]{0,18}$})
 * @param username lower-case, 3-30 characters of {@code [a-z0-9_]}
 * @param displayName 1-50 Unicode code points, no control characters
 * @param bio 0-160 Unicode code points, no control characters except newline
 * @param createdAtMs creation time, milliseconds since the Unix epoch (UTC)
 * @param updatedAtMs last change, milliseconds since the Unix epoch (UTC)
 */
public record UserProfile(
    String id, String username, String displayName, String bio, long createdAtMs, long updatedAtMs) {}
