package vent.provider.auth.domain;

/** Port to the user service, which owns profiles and username uniqueness. */
public interface UserDirectory {

  /**
   * Creates a user.
   *
   * @return the created profile (username lower-cased by the user service)
   * @throws vent.common.error.VentException as the user service reports it, unchanged:
   *     INVALID_ARGUMENT (INVALID_USERNAME, INVALID_DISPLAY_NAME), ALREADY_EXISTS (USERNAME_TAKEN),
   *     UNAVAILABLE (DEPENDENCY_UNAVAILABLE)
   */
  UserProfile create(String username, String displayName);

  /**
   * Whether the user service still has the user; login asks it after the password matched, so a
   * credential that outlived its user (its UserDeleted event never handled) logs nobody in.
   *
   * @return false when the user service answers NOT_FOUND
   * @throws vent.common.error.VentException UNAVAILABLE when the user service cannot be reached
   *     (the caller then cannot tell, and must not log the user in)
   */
  boolean exists(String userId);

  /**
   * Deletes a user; used to undo a registration that failed after the user was created. Idempotent.
   *
   * @throws vent.common.error.VentException UNAVAILABLE when the user service cannot be reached
   */
  void delete(String userId);
}
