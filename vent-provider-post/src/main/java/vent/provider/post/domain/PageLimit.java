package vent.provider.post.domain;

import dev.vent.post.v1.ErrorReason;
import vent.common.error.VentException;

/**
 * Page sizes of ListUserVents and GetHomeTimeline: 1 to {@value #MAX}, 0 meaning {@value #DEFAULT}.
 */
public final class PageLimit {

  /** Page size when the request gives none (0). */
  public static final int DEFAULT = 20;

  /** The largest page (post.proto). */
  public static final int MAX = 100;

  private PageLimit() {}

  /**
   * @return the effective page size
   * @throws VentException INVALID_ARGUMENT / INVALID_LIMIT when negative or above {@value #MAX}
   */
  public static int resolve(int requested) {
    if (requested == 0) {
      return DEFAULT;
    }
    if (requested < 0 || requested > MAX) {
      throw PostErrors.invalid(
          ErrorReason.INVALID_LIMIT,
          "limit must be 0 (default " + DEFAULT + ") to " + MAX + ", got " + requested);
    }
    return requested;
  }
}
