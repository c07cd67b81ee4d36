package vent.provider.post.domain;

import java.util.List;

/**
 * One vent.
 *
 * @param id the vent id ({@link Ids}): the author's id, "-", a random base-36 number
 * @param authorId the author
 * @param text NFC-normalised, 1-500 code points ({@link VentText})
 * @param audience who may see it
 * @param createdAtMs milliseconds since the epoch (UTC)
 * @param expiresAtMs when it stops being visible, milliseconds since the epoch; 0 when kept
 * @param mentions mentioned users who may see it, in order of first mention
 */
public record Vent(
    String id,
    String authorId,
    String text,
    Audience audience,
    long createdAtMs,
    long expiresAtMs,
    List<Mention> mentions) {

  public Vent {
    mentions = List.copyOf(mentions);
  }

  /** Whether the vent has expired at {@code nowMs} (a kept vent never does). */
  public boolean expiredAt(long nowMs) {
    return expiresAtMs != 0 && expiresAtMs <= nowMs;
  }

  /** Its place in author lists and home timelines. */
  public FeedPosition position() {
    return new FeedPosition(createdAtMs, id);
  }
}
