package vent.provider.relation.domain;

import dev.vent.api.rules.FieldRule;
import dev.vent.api.rules.UserIds;
import dev.vent.relation.v1.ErrorReason;
import dev.vent.relation.v1.ListFollowsRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vent.common.error.VentException;

/**
 * Where a page of a follow list ended: the last entry returned, as (follow time, user id). Lists
 * are ordered by follow time descending, then user id descending in byte order (the order of Redis'
 * ZREVRANGE), so this pair names a position even after the entry itself is removed.
 *
 * <p>Wire form (opaque to clients): unpadded base64url of {@code "<followedAtMs>:<userId>"}.
 *
 * @param followedAtMs follow time of the last entry, milliseconds since the epoch
 * @param userId user id of the last entry
 */
public record PageCursor(long followedAtMs, String userId) {

  /**
   * Longer strings are rejected before decoding (the {@code cursor} rule of relation.proto); real
   * cursors are under 50 characters.
   */
  private static final int MAX_ENCODED_LENGTH =
      FieldRule.of(ListFollowsRequest.getDescriptor(), "cursor").maxLength();

  /** The time, then anything: the second part must be a user id ({@link UserIds#isWellFormed}). */
  private static final Pattern SHAPE = Pattern.compile("^(0|[1-9][0-9]{0,15}):(.*)$");

  /** The cursor pointing right after {@code item}. */
  public static PageCursor after(FollowItem item) {
    return new PageCursor(item.followedAtMs(), item.userId());
  }

  /**
   * @return the opaque string clients send back as {@code cursor}
   */
  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((followedAtMs + ":" + userId).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * @param encoded a {@code next_cursor} issued by this service
   * @throws VentException INVALID_ARGUMENT / INVALID_CURSOR if it was not issued by this service
   */
  public static PageCursor decode(String encoded) {
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
    if (!m.matches() || !UserIds.isWellFormed(m.group(2))) {
      throw invalid();
    }
    return new PageCursor(Long.parseLong(m.group(1)), m.group(2));
  }

  private static VentException invalid() {
    return VentException.invalid(
        ErrorReason.INVALID_CURSOR.name(),
        "cursor was not issued by this service; start again with an empty cursor");
  }
}
