package vent.web.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Users deleted recently enough that an access token of theirs may still be unexpired: access
 * tokens are verified locally (JWTs), so ending the sessions alone would leave them valid until
 * they expire. {@link JwtAuthenticator} refuses tokens whose {@code sub} is in here.
 *
 * <p>An entry is kept for {@code window} after the deletion, then dropped: the window must be at
 * least the longest access-token lifetime plus the clock skew the verifier allows, so that every
 * token issued before (or, through a refresh racing the deletion, just after) the deletion has
 * expired when its user leaves the set. Memory is bounded by the deletions of one window (a user id
 * and a long each). Thread-safe.
 */
public final class DeletedUsers {

  private final LongSupplier windowMs;
  private final LongSupplier clockMs;

  /** user id -> deletion time, ms since the epoch. */
  private final Map<String, Long> deletedAtMs = new ConcurrentHashMap<>();

  /**
   * @param window how long a deletion is remembered (e.g. 15 min token lifetime + 5 min)
   * @param clockMs current time, milliseconds since the epoch
   */
  public DeletedUsers(Duration window, LongSupplier clockMs) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    long ms = window.toMillis();
    this.windowMs = () -> ms;
    this.clockMs = clockMs;
  }

  /**
   * A window read on every check, so that it follows a live change of the access-token lifetime.
   * Shrinking it is safe at once. Growing it only ever matters for tokens issued after the change,
   * and those belong to users who were alive then, whose deletion is recorded from then on.
   *
   * @param windowMs how long a deletion is remembered now, milliseconds, positive
   */
  public DeletedUsers(LongSupplier windowMs, LongSupplier clockMs) {
    this.windowMs = windowMs;
    this.clockMs = clockMs;
  }

  /**
   * Records a deletion; one older than the window is ignored (its tokens have expired). A second
   * record of the same user keeps the later time.
   *
   * @param userId the deleted user's id
   * @param atMs when the user was deleted, ms since the epoch (the event's stream id time)
   */
  public void add(String userId, long atMs) {
    if (atMs > windowStartMs()) {
      deletedAtMs.merge(userId, atMs, Math::max);
    }
  }

  /**
   * @return whether tokens of {@code userId} must be refused: deleted within the window
   */
  public boolean contains(String userId) {
    Long at = deletedAtMs.get(userId);
    return at != null && at > windowStartMs();
  }

  /** Drops deletions older than the window. @return how many were dropped */
  public int expire() {
    long start = windowStartMs();
    int before = deletedAtMs.size();
    deletedAtMs.values().removeIf(at -> at <= start);
    return before - deletedAtMs.size();
  }

  /**
   * @return deletions held now (expired ones included until {@link #expire()} runs)
   */
  public int size() {
    return deletedAtMs.size();
  }

  /**
   * @return the earliest deletion time that still matters now, ms since the epoch
   */
  public long windowStartMs() {
    return clockMs.getAsLong() - windowMs.getAsLong();
  }
}
