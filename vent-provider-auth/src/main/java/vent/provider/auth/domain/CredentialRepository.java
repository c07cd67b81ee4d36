package vent.provider.auth.domain;

import java.util.Optional;

/** Stores password hashes, found by username (login) or by user id (password change). */
public interface CredentialRepository {

  /**
   * Stores the credential of a new user, replacing a stale one left for the same username by a user
   * that no longer exists (the user service vouched that the username is free). Writes both lookups
   * at once or neither.
   */
  void create(Credential credential);

  /**
   * @param username compared case-insensitively
   */
  Optional<Credential> findByUsername(String username);

  Optional<Credential> findByUserId(String userId);

  /**
   * Replaces the hash only if the credential is still at {@code expectedVersion}, and raises the
   * version by one, so two concurrent changes checked against the same current password cannot both
   * win, and sessions opened against the old version fail.
   *
   * @param expectedVersion {@link Credential#version()} of the credential whose password was
   *     checked
   * @param changedAtMs milliseconds since the Unix epoch (UTC)
   * @return false when the credential is gone or changed meanwhile (nothing written then)
   */
  boolean replaceHash(String userId, long expectedVersion, String newHash, long changedAtMs);

  /**
   * Raises the version of the credential if it is still at {@code expectedVersion}, without
   * changing the password: every session open checked against that version fails from now on. Used
   * before an account is deleted, so a login that checked the password meanwhile gets no session.
   *
   * @return false when the credential is gone or changed meanwhile (nothing written then)
   */
  boolean retire(String userId, long expectedVersion);

  /** Removes the credential of {@code userId} and its lookups; idempotent. */
  void delete(String userId);
}
