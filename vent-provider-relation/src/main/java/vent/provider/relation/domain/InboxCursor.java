package vent.provider.relation.domain;

import dev.vent.api.rules.UserIds;
import dev.vent.api.rules.VentIds;
import dev.vent.relation.v1.ErrorReason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vent.common.error.VentException;

/**
 * Where a page of an inbox ended: the last entry returned, as (time, subject), the subject being
 * the actor's id of a "followed you" entry or the vent id of a mention. Inboxes are ordered by time
 * descending, then by entry descending in byte order (Redis' ZREVRANGE), so this pair names a
 * position even after the entry itself is removed.
 *
 * <p>Wire form (opaque to clients): unpadded base64url of {@code "<atMs>:<subject>"}, the same as
 * {@link PageCursor} for "followed you" entries.
 *
 * @param atMs time of the last entry, milliseconds since the epoch
 * @param subject a user id ({@link UserIds#isWellFormed}) or a vent id ({@link VentIds})
 */
public record InboxCursor(long atMs, String subject) {

  /**
   * Longer strings are rejected before decoding: the longest real cursor (a 16-digit time, a
   * 33-character vent id) has 68 characters.
   */
  private static final int MAX_ENCODED_LENGTH = 68;

  private static final Pattern SHAPE = Pattern.compile("^(0|[1-9][0-9]{0,15}):(.*)$");

  /**
   * @return whether the entry this cursor names is a mention (else a "followed you" entry)
   */
  public boolean mention() {
    return VentIds.isWellFormed(subject);
  }

  /**
   * @return the opaque string clients send back as {@code cursor}
   */
  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((atMs + ":" + subject).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * @param encoded a {@code next_cursor} issued by this service
   * @throws VentException INVALID_ARGUMENT / INVALID_CURSOR if it was not issued by this service
   */
  public static InboxCursor decode(String encoded) {
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
    if (!m.matches() || !(UserIds.isWellFormed(m.group(2)) || VentIds.isWellFormed(m.group(2)))) {
      throw invalid();
    }
    return new InboxCursor(Long.parseLong(m.group(1)), m.group(2));
  }

  private static VentException invalid() {
    return VentException.invalid(
        ErrorReason.INVALID_CURSOR.name(),
        "cursor was not issued by this service; start again with an empty cursor");
  }
}
