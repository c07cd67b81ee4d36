package vent.provider.auth.domain;

/**
 * A user as the user service returned it at registration.
 *
 * @param id opaque decimal string
 * @param username lower-case, as stored by the user service
 * @param createdAtMs milliseconds since the Unix epoch (UTC)
 * @param updatedAtMs milliseconds since the Unix epoch (UTC)
 */
public record UserProfile(
    String id,
    String username,
    String displayName,
    String bio,
    long createdAtMs,
    long updatedAtMs) {}
