package vent.provider.post.domain;

import java.util.function.IntSupplier;

/**
 * The timeline settings in force, read on each use (the global configuration's {@code
 * timeline.capacity} and {@code timeline.fan-out-threshold}, which change without a restart).
 *
 * @param capacity entries a home timeline keeps, newest first
 * @param fanOutThreshold an author with more followers than this is merged into timelines when they
 *     are read instead of fanned out
 * @param followersPage followers asked for per ListFollowers call by the fan-out: the relation
 *     service's largest page in force ({@code paging.page-size-max}), which it refuses to exceed
 */
public record TimelineSettings(
    IntSupplier capacity, IntSupplier fanOutThreshold, IntSupplier followersPage) {

  /** Fixed values, for tests; followers are paged 100 at a time. */
  public static TimelineSettings fixed(int capacity, int fanOutThreshold) {
    return new TimelineSettings(() -> capacity, () -> fanOutThreshold, () -> 100);
  }
}
