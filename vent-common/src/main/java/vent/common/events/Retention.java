package vent.common.events;

import java.time.Duration;

/**
 * How long a stream keeps its entries, and how often its consumers trim it and report its lag.
 * Trimming never removes an entry that some consumer group has not acknowledged (docs/EVENTS.md,
 * "Trimming").
 *
 * @param maxLength entries at or below which a stream is not trimmed at all, 0 or more
 * @param keep entries younger than this are kept even when every group acknowledged them: plain
 *     {@code XREAD} readers (vent-web's deleted-users tail) read back that far after a restart
 * @param trimEvery how often a consumer trims its stream
 * @param reportEvery how often a consumer logs the lag of every group on its stream ({@code
 *     event=stream_lag})
 */
public record Retention(long maxLength, Duration keep, Duration trimEvery, Duration reportEvery) {

  /**
   * Longest access-token lifetime the global configuration accepts (86,400 s) plus vent-web's 300 s
   * margin, rounded up: a restarted vent-web re-reads the deletions of that window.
   */
  public static final Duration DEFAULT_KEEP = Duration.ofHours(25);

  /** {@link EventStreams#DEFAULT_MAX_LENGTH}, keep 25 h, trim every 10 s, report every 60 s. */
  public static Retention defaults() {
    return new Retention(
        EventStreams.DEFAULT_MAX_LENGTH,
        DEFAULT_KEEP,
        Duration.ofSeconds(10),
        Duration.ofSeconds(60));
  }

  public Retention {
    if (maxLength < 0 || keep.isNegative()) {
      throw new IllegalArgumentException("maxLength and keep must not be negative");
    }
    if (trimEvery.isNegative()
        || trimEvery.isZero()
        || reportEvery.isNegative()
        || reportEvery.isZero()) {
      throw new IllegalArgumentException("trimEvery and reportEvery must be positive");
    }
  }
}
