package vent.provider.auth.domain;

/**
 * A session about to be stored.
 *
 * @param sessionId 32 hex characters ({@link Secrets#newSessionId()})
 * @param refreshHash SHA-256 hex of the session's first refresh token
 * @param createdAtMs milliseconds since the Unix epoch (UTC)
 * @param ttlMs how long the session lives without a refresh, milliseconds
 * @param credentialVersion {@link Credential#version()} of the credential whose password was
 *     checked (or just set); the session is stored only while the user's credential is still at it
 */
public record NewSession(
    String sessionId,
    String userId,
    String refreshHash,
    long createdAtMs,
    long ttlMs,
    long credentialVersion) {}
