package vent.provider.auth.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random identifiers and tokens, and the digest under which refresh tokens are stored. */
public final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** @return a session id: 128 random bits as 32 lower-case hex characters */
  public static String newSessionId() {
    return HexFormat.of().formatHex(randomBytes(16));
  }

  /** @return a refresh token: 256 random bits, base64url without padding (43 characters) */
  public static String newRefreshToken() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
  }

  /**
   * The form a refresh token is stored and looked up in, so a read of Redis does not yield
   * usable tokens. A plain digest suffices: the token has 256 bits of entropy.
   *
   * @return SHA-256 of the token's UTF-8 bytes, 64 lower-case hex characters
   */
  public static String sha256Hex(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
