package vent.bench.baseline;

import dev.vent.api.rules.UserIds;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a followers page ended: the last entry returned, as (follow time, user id). The wire form
 * is the relation provider's ({@code PageCursor}): unpadded base64url of {@code
 * "<followedAtMs>:<userId>"}, so cursors from vent-web and from the baseline are interchangeable.
 *
 * @param followedAtMs follow time of the last entry, ms since the epoch (the ZSET score)
 * @param userId the last entry's user id (the ZSET member)
 */
public record FollowCursor(long followedAtMs, String userId) {

  private static final int MAX_ENCODED_LENGTH = 64;
  private static final Pattern SHAPE = Pattern.compile("^(0|[1-9][0-9]{0,15}):(.*)$");

  /**
   * @return the opaque string clients send back as {@code cursor}
   */
  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((followedAtMs + ":" + userId).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * @return empty unless {@code encoded} has the shape of a cursor this API (or vent-web) issues
   */
  public static Optional<FollowCursor> decode(String encoded) {
    if (encoded.length() > MAX_ENCODED_LENGTH) {
      return Optional.empty();
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(text);
    return m.matches() && UserIds.isWellFormed(m.group(2))
        ? Optional.of(new FollowCursor(Long.parseLong(m.group(1)), m.group(2)))
        : Optional.empty();
  }
}
