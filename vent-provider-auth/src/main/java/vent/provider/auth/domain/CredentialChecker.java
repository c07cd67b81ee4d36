package vent.provider.auth.domain;

import java.util.Optional;

/**
 * Checks a password against a stored credential in about the same time whether or not the
 * credential exists: a missing one is checked against a dummy hash made at start-up (one bcrypt
 * hash), so response time does not reveal which usernames or user ids exist.
 */
public final class CredentialChecker {

  /** Why a check failed; for the log only, never for the caller. */
  public enum Failure {
    UNKNOWN_USER,
    WRONG_PASSWORD
  }

  private final PasswordHasher hasher;
  private final String dummyHash;

  public CredentialChecker(PasswordHasher hasher) {
    this.hasher = hasher;
    this.dummyHash = hasher.hash(Secrets.randomToken());
  }

  /**
   * @param credential the stored credential, if any
   * @param password the presented password, any length
   * @return empty when the password matches, otherwise why not
   */
  public Optional<Failure> check(Optional<Credential> credential, String password) {
    boolean acceptable = PasswordPolicy.acceptable(password);
    // bcrypt must not see more than 72 bytes; such a password can never match anyway.
    String candidate = acceptable ? password : "not-a-password";
    String hash = credential.map(Credential::passwordHash).orElse(dummyHash);
    boolean matches = hasher.verify(candidate, hash);
    if (credential.isEmpty()) {
      return Optional.of(Failure.UNKNOWN_USER);
    }
    return matches && acceptable ? Optional.empty() : Optional.of(Failure.WRONG_PASSWORD);
  }

  /**
   * @return the hasher, for hashing new passwords
   */
  public PasswordHasher hasher() {
    return hasher;
  }
}
