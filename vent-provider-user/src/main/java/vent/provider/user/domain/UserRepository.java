package vent.provider.user.domain;

import java.util.List;
import java.util.Optional;

/**
 * Where profiles live. Arguments are already validated and normalised by {@link UserUseCases}; an
 * implementation only stores and reads. A failed or raced write never leaves a username to two
 * users, nor a user that its username does not find once the write has returned.
 */
public interface UserRepository {

  /**
   * Creates a profile with a new id, claiming the username.
   *
   * @param username normalised username
   * @param displayName checked display name
   * @param bio checked bio, may be empty
   * @param nowMs creation time, milliseconds since the Unix epoch
   * @return the created profile, or empty when the username is already taken
   */
  Optional<UserProfile> create(String username, String displayName, String bio, long nowMs);

  /**
   * @return the profile with that id, or empty
   */
  Optional<UserProfile> findById(String id);

  /**
   * @param username normalised username
   * @return the profile owning that username, or empty
   */
  Optional<UserProfile> findByUsername(String username);

  /**
   * Reads many profiles in one round trip.
   *
   * @param ids checked ids, duplicates allowed
   * @return the profiles found, in the order of {@code ids} (a duplicate id gives a duplicate
   *     entry), unknown ids left out
   */
  List<UserProfile> findByIds(List<String> ids);

  /**
   * Changes an existing profile; never creates one (a concurrently deleted user stays deleted).
   *
   * @param update checked fields, {@code null} ones kept; not empty
   * @param nowMs becomes {@code updatedAtMs}
   * @return the updated profile, or empty when no user has that id
   */
  Optional<UserProfile> update(String id, ProfileUpdate update, long nowMs);

  /**
   * Removes the profile and frees its username.
   *
   * @return true when a profile was removed, false when none existed
   */
  boolean delete(String id);

  /**
   * Get-or-create by username: concurrent calls with the same usernames agree on one id per
   * username. Created users get display name = username and an empty bio.
   *
   * @param usernames distinct normalised usernames
   * @param nowMs creation time of the users created
   * @return one entry per username, in the given order
   */
  List<EnsuredUser> ensure(List<String> usernames, long nowMs);
}
