package vent.provider.post.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Storage of vents, author lists and home timelines. Failures surface as unchecked exceptions of
 * the store (UNAVAILABLE to callers).
 */
public interface VentRepository {

  /**
   * Stores a new vent, adds it to its author's list and to the author's own home timeline (trimmed
   * to {@code timelineCapacity}), and publishes VentPosted, atomically; the event is relayed to its
   * stream before this returns (or, failing that, by the outbox sweep).
   *
   * @return false, changing nothing, when a vent with that id exists already
   */
  boolean create(Vent vent, int timelineCapacity);

  /**
   * Deletes a vent of {@code authorId}: its data, its place in the author's list and in the
   * author's home timeline, and publishes VentDeleted, atomically.
   *
   * @return false when there is no such vent (never was, expired, or deleted already)
   */
  boolean delete(String authorId, String ventId, long nowMs);

  /**
   * @return the vents of {@code ventIds} that exist, by id; expired ones may be among them
   */
  Map<String, Vent> load(Collection<String> ventIds);

  /**
   * Reads several feeds at once (one pipelined round trip in the common case).
   *
   * @param after the place to start after, or null for the newest
   * @return for each of {@code feeds}, in the same order, up to {@code count} places after {@code
   *     after}, newest first
   */
  List<List<FeedPosition>> read(List<Feed> feeds, FeedPosition after, int count);

  /** Removes places of vents that are gone (deleted, expired) from {@code feed}. */
  void forget(Feed feed, Collection<String> ventIds);

  /**
   * Adds a vent to each user's home timeline, trimming each to its newest {@code capacity} entries.
   * Idempotent.
   */
  void addToTimelines(Collection<String> userIds, FeedPosition vent, int capacity);

  /** Removes a vent from each user's home timeline. Idempotent. */
  void removeFromTimelines(Collection<String> userIds, String ventId);

  /** The authors whose vents are merged into home timelines when read, not fanned out. */
  Set<String> bigAuthors();

  /** Records {@code authorId} as a big author ({@link #bigAuthors}). Idempotent. */
  void addBigAuthor(String authorId);

  /**
   * Removes everything of a deleted user: their vents, their list of vents, their home timeline,
   * and their place among the big authors. Idempotent.
   *
   * @return how many vents were deleted
   */
  int removeUser(String userId);
}
