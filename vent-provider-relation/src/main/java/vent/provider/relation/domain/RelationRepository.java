package vent.provider.relation.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Storage of the follow graph. Every edge is stored on both sides (the follower's following list
 * and the followee's followers list), each side with one user's data: a write changes the actor's
 * side at once and hands the other side off ({@link HandOff}), which {@link #applyHandOffs} applies
 * when the hand-off consumer delivers it. The actor's side is exact at once (read-your-writes:
 * following lists and counts, relationships); the other side converges.
 *
 * <p>Callers pass well-formed user ids ({@link UserIds}) and never self-edges. Storage failures
 * surface as the store's own runtime exceptions (Redisson's {@code RedisException}), which the
 * provider reports as UNAVAILABLE / DEPENDENCY_UNAVAILABLE.
 */
public interface RelationRepository {

  /**
   * Adds the edge to the follower's side if absent, and hands the followee's side off.
   *
   * @param nowMs now, milliseconds since the epoch; the follow's time is raised past the follower's
   *     earlier writes if needed
   * @return CREATED if the edge is new; UNCHANGED if it existed (its time is kept) or a user is
   *     deleted; BLOCKED if the follower blocks the followee or (as far as the follower's side
   *     knows from the hand-off) the followee blocks the follower
   */
  FollowOutcome follow(String followerId, String followeeId, long nowMs);

  /**
   * Removes the edge from the follower's side, and hands the followee's side off.
   *
   * @param nowMs now, milliseconds since the epoch
   * @return true if the edge existed and was removed
   */
  boolean unfollow(String followerId, String followeeId, long nowMs);

  /**
   * {@code blockerId} blocks {@code blockedId}: recorded on the blocker's side with the follows
   * between the two that it holds removed, the blocked user's side handed off ({@link
   * HandOff.Kind#BLOCKED}).
   *
   * @param nowMs now, milliseconds since the epoch
   * @return true if the block is new; false if it existed or the blocker is deleted
   */
  boolean block(String blockerId, String blockedId, long nowMs);

  /**
   * Lifts a block on the blocker's side and hands the blocked user's side off ({@link
   * HandOff.Kind#UNBLOCKED}).
   *
   * @return true if the block existed
   */
  boolean unblock(String blockerId, String blockedId, long nowMs);

  /**
   * Adds {@code mutedId} to {@code userId}'s mutes (the user's side only).
   *
   * @param nowMs now, milliseconds since the epoch: when the mute began
   * @return true if the mute is new
   */
  boolean mute(String userId, String mutedId, long nowMs);

  /**
   * @return true if the mute existed and was removed
   */
  boolean unmute(String userId, String mutedId);

  /**
   * Removes every edge of a deleted user from the user's side and hands the other users' sides off
   * (their counts drop by one once applied, their "followed you" notifications go with it), drops
   * the user's own inbox, and refuses edges of that user from then on. Idempotent; runs in bounded
   * chunks, so a crash part-way leaves a state that a repeat completes.
   *
   * @param nowMs now, milliseconds since the epoch
   */
  void removeUser(String userId, long nowMs);

  /**
   * Adds every absent edge to its follower's side, each follower's new edges with one time (now,
   * raised past the follower's earlier writes), and hands the followees' sides off. The call as a
   * whole is not atomic but can be repeated safely.
   *
   * @param edges any number, duplicates allowed
   * @param nowMs now, milliseconds since the epoch
   * @return how many edges did not exist before
   */
  int batchFollow(List<FollowEdge> edges, long nowMs);

  /**
   * Applies hand-offs to their sides, newest version per edge winning (an older or repeated one
   * changes nothing). A follow of a user deleted meanwhile is undone on the follower's side.
   *
   * @param nowMs now, milliseconds since the epoch; unfollow tombstones older than the store's
   *     retention are dropped relative to it
   * @return how many hand-offs changed a side
   */
  int applyHandOffs(List<HandOff> handOffs, long nowMs);

  /**
   * The follow flags come from following lists: {@code following} from {@code userId}'s, {@code
   * followedBy} from each other user's, so both are exact at once after either user's write. The
   * block and mute flags come from {@code userId}'s own sets ({@code blockedBy} once the block's
   * hand-off is applied).
   *
   * @return one relation per id of {@code otherIds}, in that order
   */
  List<Relation> relationships(String userId, List<String> otherIds);

  /**
   * @return one entry per id of {@code userIds}, in that order (following counts exact, follower
   *     counts once the hand-offs are applied)
   */
  List<UserCounts> counts(List<String> userIds);

  /**
   * Entries of one list, newest first (ties: user id descending, byte order).
   *
   * @param after where the previous page ended, or {@code null} for the first page
   * @param max how many entries at most
   */
  List<FollowItem> page(Direction direction, String userId, PageCursor after, int max);

  /**
   * Users that {@code userId} follows and who follow back, most recently followed first. For users
   * whose followers and following lists both exceed an implementation-defined scan budget, only the
   * most recent followees within that budget are considered.
   */
  List<String> mutuals(String userId, int limit);

  /**
   * @return the {@code max} most recent followees of {@code userId} and the total count
   */
  RecentFollowing recentFollowing(String userId, int max);

  /**
   * @return for each id of {@code userIds}, its {@code maxEach} most recent followees, newest first
   *     (an empty list if none)
   */
  Map<String, List<String>> recentFollowingOf(Collection<String> userIds, int maxEach);

  /**
   * @return the subset of {@code candidates} that {@code userId} follows
   */
  Set<String> followedAmong(String userId, Collection<String> candidates);
}
