package vent.provider.auth.domain;

/** One-way password hashing with a per-hash salt and a tunable cost. */
public interface PasswordHasher {

  /**
   * @param password 8..72 bytes in UTF-8 (checked by {@link PasswordPolicy} beforehand)
   * @return a self-describing hash string (algorithm, cost, salt and digest)
   */
  String hash(String password);

  /**
   * Compares in time independent of where the inputs differ.
   *
   * @return true when {@code password} produced {@code hash}; false for any malformed input
   */
  boolean verify(String password, String hash);
}
