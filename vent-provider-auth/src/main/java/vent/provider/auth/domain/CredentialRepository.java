package vent.provider.auth.domain;

import java.util.Optional;

/** Stores password hashes, found by username (login) or by user id (password change). */
public interface CredentialRepository {

  /**
   * Stores the credential of a new user, replacing a stale one left for the same username by
   * a user that no longer exists (the user service vouched that the username is free).
   * Writes both lookups at once or neither.
   */
  void create(Credential credential);

  /** @param username compared case-insensitively */
  Optional<Credential> findByUsername(String username);

  Optional<Credential> findByUserId(String userId);

  /**
   * Replaces the hash only if it is still {@code expectedHash}, so two concurrent changes
   * checked against the same current password cannot both win.
   *
   * @param changedAtMs milliseconds since the Unix epoch (UTC)
   * @return false when the credential is gone or its hash changed meanwhile
   */
  boolean replaceHash(String userId, String expectedHash, String newHash, long changedAtMs);

  /** Removes the credential of {@code userId} and its lookups; idempotent. */
  void delete(String userId);
}
