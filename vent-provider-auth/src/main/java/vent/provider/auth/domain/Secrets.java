package vent.provider.auth.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** Random identifiers and tokens, and the digest under which refresh tokens are stored. */
public final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern USER_ID = Pattern.compile("[1-9][0-9]{0,18}");

  private Secrets() {}

  /**
   * @return a session id: 128 random bits as 32 lower-case hex characters
   */
  public static String newSessionId() {
    return HexFormat.of().formatHex(randomBytes(16));
  }

  /**
   * @return 256 random bits, base64url without padding (43 characters)
   */
  public static String randomToken() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
  }

  /**
   * A refresh token of user {@code userId}: base64url without padding of the user id's ASCII bytes,
   * a {@code .} and 256 random bits. The user id lets the store find the token on its user's slot
   * without an index; clients treat the token as opaque.
   *
   * @param userId a user id ({@code ^[1-9][0-9]{0,18}$})
   */
  public static String newRefreshToken(String userId) {
    byte[] id = userId.getBytes(StandardCharsets.US_ASCII);
    byte[] token = new byte[id.length + 1 + 32];
    System.arraycopy(id, 0, token, 0, id.length);
    token[id.length] = '.';
    System.arraycopy(randomBytes(32), 0, token, id.length + 1, 32);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /**
   * @return the user id a refresh token of {@link #newRefreshToken} carries; empty for anything
   *     else (a token of another form is simply unknown)
   */
  public static Optional<String> refreshTokenUser(String token) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int dot = 0;
    while (dot < raw.length && dot < 20 && raw[dot] != '.') {
      dot++;
    }
    if (dot == raw.length || raw.length - dot - 1 != 32) {
      return Optional.empty();
    }
    String id = new String(raw, 0, dot, StandardCharsets.US_ASCII);
    return USER_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
  }

  /**
   * The form a refresh token is stored and looked up in, so a read of Redis does not yield usable
   * tokens. A plain digest suffices: the token has 256 bits of entropy.
   *
   * @return SHA-256 of the token's UTF-8 bytes, 64 lower-case hex characters
   */
  public static String sha256Hex(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
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
