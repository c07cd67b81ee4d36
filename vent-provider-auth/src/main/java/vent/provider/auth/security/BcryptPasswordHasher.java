package vent.provider.auth.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import vent.provider.auth.domain.PasswordHasher;

/**
 * bcrypt (at.favre.lib:bcrypt), version {@code $2b$}, 16-byte random salt per hash, cost factor
 * {@code auth.bcryptCost} (2^cost rounds; 10 takes about 80 ms on one core here). Hashes are the
 * usual 60-character modular crypt strings, e.g. {@code $2b$10$<salt><digest>}. Input longer than
 * 72 bytes is refused rather than cut.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;

  private final int cost;
  private final BCrypt.Hasher hasher =
      BCrypt.with(VERSION, new SecureRandom(), LongPasswordStrategies.strict(VERSION));
  private final BCrypt.Verifyer verifyer =
      BCrypt.verifyer(VERSION, LongPasswordStrategies.strict(VERSION));

  /**
   * @param cost log2 of the number of rounds, 4..31
   * @throws IllegalArgumentException for a cost outside 4..31
   */
  public BcryptPasswordHasher(int cost) {
    if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
      throw new IllegalArgumentException(
          "bcrypt cost must be " + BCrypt.MIN_COST + ".." + BCrypt.MAX_COST + ": " + cost);
    }
    this.cost = cost;
  }

  @Override
  public String hash(String password) {
    return new String(
        hasher.hash(cost, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  @Override
  public boolean verify(String password, String hash) {
    try {
      return verifyer.verify(
              password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
          .verified;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
