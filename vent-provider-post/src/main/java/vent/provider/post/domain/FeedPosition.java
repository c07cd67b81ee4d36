package vent.provider.post.domain;

import dev.vent.api.rules.Formats;
import dev.vent.common.v1.Format;
import dev.vent.post.v1.ErrorReason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vent.common.error.VentException;

/**
 * A place in a list of vents (an author's vents, a home timeline): lists are ordered by creation
 * time descending, then vent id descending in byte order (the order of Redis' ZREVRANGEBYSCORE), so
 * the pair names a place even after its vent is gone. A page cursor is the place of the last vent
 * the page examined.
 *
 * <p>Wire form (opaque to clients): unpadded base64url of {@code "<createdAtMs>:<ventId>"}.
 *
 * @param createdAtMs the score, ms since the epoch
 * @param ventId the member
 */
public record FeedPosition(long createdAtMs, String ventId) {

  /** Newest first: higher time first, then higher id first. */
  public static final Comparator<FeedPosition> NEWEST_FIRST =
      Comparator.comparingLong(FeedPosition::createdAtMs)
          .thenComparing(FeedPosition::ventId)
          .reversed();

  /** Longest cursor accepted (the {@code cursor} rule of post.proto). */
  static final int MAX_ENCODED_LENGTH = 128;

  private static final Pattern SHAPE = Pattern.compile("^(0|[1-9][0-9]{0,15}):(.+)$");

  /** Whether this place comes after {@code other} in newest-first order (is older). */
  public boolean isAfter(FeedPosition other) {
    return NEWEST_FIRST.compare(this, other) > 0;
  }

  /**
   * @return the opaque string clients send back as {@code cursor}
   */
  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((createdAtMs + ":" + ventId).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * @param encoded a {@code next_cursor} issued by this service, or empty for the first page
   * @return the place, or null for the first page
   * @throws VentException INVALID_ARGUMENT / INVALID_CURSOR if it was not issued by this service
   */
  public static FeedPosition decodeCursor(String encoded) {
    if (encoded.isEmpty()) {
      return null;
    }
    if (encoded.length() > MAX_ENCODED_LENGTH) {
      throw invalid();
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    Matcher m = SHAPE.matcher(text);
    if (!m.matches() || !Formats.matches(Format.VENT_ID, m.group(2))) {
      throw invalid();
    }
    return new FeedPosition(Long.parseLong(m.group(1)), m.group(2));
  }

  private static VentException invalid() {
    return PostErrors.invalid(
        ErrorReason.INVALID_CURSOR,
        "cursor was not issued by this service; start again with an empty cursor");
  }
}
