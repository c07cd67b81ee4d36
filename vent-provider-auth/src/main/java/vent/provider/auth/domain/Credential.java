package vent.provider.auth.domain;

/**
 * The password hash of one user.
 *
 * @param userId the user service's id
 * @param username lower-case; the login name
 * @param passwordHash as produced by {@link PasswordHasher#hash(String)}
 * @param changedAtMs when the hash was last set, milliseconds since the Unix epoch (UTC)
 */
public record Credential(String userId, String username, String passwordHash, long changedAtMs) {

  /** Never prints the hash. */
  @Override
  public String toString() {
    return "Credential[userId=" + userId + ", username=" + username + ", changedAtMs=" + changedAtMs + "]";
  }
}
