package vent.provider.auth.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a typed login name appears in logs: never as typed, since people type passwords into the
 * username field, but as a short keyed digest, so that the lines of one name can still be grouped.
 * The key is random per process and never leaves it, so a digest cannot be reversed by hashing
 * guesses, and digests of one name match only within one process's log.
 */
public final class LogIds {

  private static final String MAC = "HmacSHA256";
  private static final SecretKeySpec KEY =
      new SecretKeySpec(Secrets.randomToken().getBytes(StandardCharsets.US_ASCII), MAC);

  private LogIds() {}

  /**
   * @param typedName a username as the client sent it (any text, possibly a password)
   * @return 12 lower-case hex characters: the first 48 bits of HMAC-SHA256 of its UTF-8 bytes under
   *     this process's key
   */
  public static String name(String typedName) {
    try {
      Mac mac = Mac.getInstance(MAC);
      mac.init(KEY);
      byte[] digest = mac.doFinal(typedName.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
    }
  }
}
