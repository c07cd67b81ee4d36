package vent.provider.post.domain;

import dev.vent.post.v1.ErrorReason;
import vent.common.error.VentException;

/** The lifetime rule of CreateVent: 0 (kept) or one hour to 30 days. */
public final class Expiry {

  /** Shortest lifetime, seconds (one hour). */
  public static final int MIN_SECONDS = 3_600;

  /** Longest lifetime, seconds (30 days). */
  public static final int MAX_SECONDS = 2_592_000;

  private Expiry() {}

  /**
   * @param nowMs the vent's creation time, ms since the epoch
   * @param seconds the requested lifetime
   * @return when the vent expires, ms since the epoch, or 0 when it is kept ({@code seconds} 0)
   * @throws VentException INVALID_ARGUMENT / INVALID_EXPIRY outside the rule
   */
  public static long expiresAt(long nowMs, int seconds) {
    if (seconds == 0) {
      return 0;
    }
    if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
      throw PostErrors.invalid(
          ErrorReason.INVALID_EXPIRY,
          "expires_in_seconds must be 0 or "
              + MIN_SECONDS
              + " to "
              + MAX_SECONDS
              + ", got "
              + seconds);
    }
    return nowMs + seconds * 1000L;
  }
}
