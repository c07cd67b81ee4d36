package vent.provider.auth.domain;

/**
 * The password hash of one user.
 *
 * @param userId the user service's id
 * @param username lower-case; the login name
 * @param passwordHash as produced by {@link PasswordHasher#hash(String)}
 * @param changedAtMs when the hash was last set, milliseconds since the Unix epoch (UTC)
 * @param version which generation of the credential this is: {@value #FIRST_VERSION} when created,
 *     raised by one by every hash change and by {@link CredentialRepository#retire}; a session
 *     opens only against the version whose password was checked ({@link SessionRepository#open})
 */
public record Credential(
    String userId, String username, String passwordHash, long changedAtMs, long version) {

  /** The version of a credential just created (and of one stored without a version). */
  public static final long FIRST_VERSION = 1;

  /** A credential as created: {@link #FIRST_VERSION}. */
  public Credential(String userId, String username, String passwordHash, long changedAtMs) {
    this(userId, username, passwordHash, changedAtMs, FIRST_VERSION);
  }

  /** Never prints the hash. */
  @Override
  public String toString() {
    return "Credential[userId="
        + userId
        + ", username="
        + username
        + ", changedAtMs="
        + changedAtMs
        + ", version="
        + version
        + "]";
  }
}
