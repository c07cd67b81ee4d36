package vent.provider.relation.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Storage of the follow graph. Every edge is stored on both sides (the follower's following
 * list and the followee's followers list); writes change both sides or neither.
 *
 * <p>Callers pass well-formed user ids ({@link UserIds}) and never self-edges. Storage failures
 * surface as the store's own runtime exceptions (Redisson's {@code RedisException}), which the
 * provider reports as UNAVAILABLE / DEPENDENCY_UNAVAILABLE.
 */
public interface RelationRepository {

  /**
   * Adds the edge if absent.
   *
   * @param atMs follow time, milliseconds since the epoch
   * @return true if the edge is new; false if it existed (its time is kept)
   */
  boolean follow(String followerId, String followeeId, long atMs);

  /** @return true if the edge existed and was removed */
  boolean unfollow(String followerId, String followeeId);

  /**
   * Removes every edge of a deleted user from both sides (so every count that included them
   * drops by one), their "followed you" notifications in their followees' inboxes and their own
   * inbox, and refuses edges of that user from then on. Idempotent; runs in bounded chunks, so a
   * crash part-way leaves a consistent graph that a repeat completes.
   */
  void removeUser(String userId);

  /**
   * Adds every absent edge, all with follow time {@code atMs}. Each edge is written atomically
   * (both sides or neither); the call as a whole is not atomic but can be repeated safely.
   *
   * @param edges any number, duplicates allowed
   * @return how many edges did not exist before
   */
  int batchFollow(List<FollowEdge> edges, long atMs);

  /** @return one relation per id of {@code otherIds}, in that order */
  List<Relation> relationships(String userId, List<String> otherIds);

  /** @return one entry per id of {@code userIds}, in that order */
  List<UserCounts> counts(List<String> userIds);

  /**
   * Entries of one list, newest first (ties: user id descending, byte order).
   *
   * @param after where the previous page ended, or {@code null} for the first page
   * @param max how many entries at most
   */
  List<FollowItem> page(Direction direction, String userId, PageCursor after, int max);

  /**
   * Users that {@code userId} follows and who follow back, most recently followed first. For
   * users whose followers and following lists both exceed an implementation-defined scan budget,
   * only the most recent followees within that budget are considered.
   */
  List<String> mutuals(String userId, int limit);

  /** @return the {@code max} most recent followees of {@code userId} and the total count */
  RecentFollowing recentFollowing(String userId, int max);

  /**
   * @return for each id of {@code userIds}, its {@code maxEach} most recent followees, newest
   *     first (an empty list if none)
   */
  Map<String, List<String>> recentFollowingOf(Collection<String> userIds, int maxEach);

  /** @return the subset of {@code candidates} that {@code userId} follows */
  Set<String> followedAmong(String userId, Collection<String> candidates);
}
