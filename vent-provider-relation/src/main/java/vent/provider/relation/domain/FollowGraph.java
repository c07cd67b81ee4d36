package vent.provider.relation.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;
import vent.relation.v1.ErrorReason;

/**
 * The use cases of the follow graph (the RelationService contract in relation.proto): input
 * validation, defaults and limits here, storage in a {@link RelationRepository}.
 *
 * <p>Every method validates all its input before touching storage, so a rejected call changes
 * nothing. Errors are {@link VentException}s of kind INVALID_ARGUMENT with a reason from
 * {@code vent.relation.v1.ErrorReason}.
 */
public final class FollowGraph {

  /** Most edges one BatchFollow call accepts. */
  public static final int MAX_BATCH_EDGES = 10_000;
  /** Most ids one GetRelationships or GetCounts call accepts. */
  public static final int MAX_IDS = 500;
  /** Suggestions look at this many most recent followees of the asking user... */
  public static final int SUGGESTION_FOLLOWEES = 200;
  /** ...and at this many most recent followees of each of them. */
  public static final int SUGGESTION_FOLLOWEES_EACH = 500;

  private static final Logger LOG = LoggerFactory.getLogger(FollowGraph.class);

  private final RelationRepository repository;
  private final Clock clock;
  private final PageLimit pageLimit;

  /** @param clock source of follow times (UTC milliseconds); injectable for tests */
  public FollowGraph(RelationRepository repository, Clock clock) {
    this(repository, clock, PageLimit.fixed(PageLimit.MAX));
  }

  /** @param pageLimit page sizes of list calls (the largest from the global configuration) */
  public FollowGraph(RelationRepository repository, Clock clock, PageLimit pageLimit) {
    this.repository = Objects.requireNonNull(repository);
    this.clock = Objects.requireNonNull(clock);
    this.pageLimit = Objects.requireNonNull(pageLimit);
  }

  /**
   * {@code followerId} follows {@code followeeId}, now. Idempotent.
   *
   * @return true if the edge is new, false if it existed (nothing changes then)
   * @throws VentException INVALID_USER_ID if an id is malformed; CANNOT_FOLLOW_SELF if both are equal
   */
  public boolean follow(String followerId, String followeeId) {
    UserIds.require(followerId, "follower_id");
    UserIds.require(followeeId, "followee_id");
    if (followerId.equals(followeeId)) {
      throw VentException.invalid(ErrorReason.CANNOT_FOLLOW_SELF.name(), "a user cannot follow themself");
    }
    boolean created = repository.follow(followerId, followeeId, clock.millis());
    if (created) {
      LOG.info("event=followed followerId={} followeeId={}", followerId, followeeId);
    }
    return created;
  }

  /**
   * Removes the edge if present. Idempotent.
   *
   * @return true if an edge was removed
   * @throws VentException INVALID_USER_ID if an id is malformed
   */
  public boolean unfollow(String followerId, String followeeId) {
    UserIds.require(followerId, "follower_id");
    UserIds.require(followeeId, "followee_id");
    boolean removed = repository.unfollow(followerId, followeeId);
    if (removed) {
      LOG.info("event=unfollowed followerId={} followeeId={}", followerId, followeeId);
    }
    return removed;
  }

  /**
   * Removes everything the follow graph holds about a deleted user (see {@link
   * RelationRepository#removeUser}). Idempotent, so a redelivered UserDeleted event is harmless.
   *
   * @throws VentException INVALID_USER_ID if the id is malformed
   */
  public void removeUser(String userId) {
    UserIds.require(userId, "user_id");
    long t0 = System.nanoTime();
    repository.removeUser(userId);
    LOG.info("event=user_edges_removed userId={} tookMs={}", userId, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Bulk follow for imports: every edge as {@link #follow}, all with the same follow time;
   * self-edges are skipped silently. Either every edge is validated and written, or (bad
   * input) none is.
   *
   * @param edges at most {@value #MAX_BATCH_EDGES}
   * @return how many edges did not exist before this call
   * @throws VentException TOO_MANY_IDS above {@value #MAX_BATCH_EDGES} edges; INVALID_USER_ID
   *     if any id is malformed
   */
  public int batchFollow(List<FollowEdge> edges) {
    if (edges.size() > MAX_BATCH_EDGES) {
      throw VentException.invalid(ErrorReason.TOO_MANY_IDS.name(),
          "at most " + MAX_BATCH_EDGES + " edges per call, got " + edges.size());
    }
    List<FollowEdge> toWrite = new ArrayList<>(edges.size());
    for (int i = 0; i < edges.size(); i++) {
      FollowEdge edge = edges.get(i);
      UserIds.require(edge.followerId(), "edges[" + i + "].follower_id");
      UserIds.require(edge.followeeId(), "edges[" + i + "].followee_id");
      if (!edge.followerId().equals(edge.followeeId())) {
        toWrite.add(edge);
      }
    }
    if (toWrite.isEmpty()) {
      return 0;
    }
    long t0 = System.nanoTime();
    int created = repository.batchFollow(toWrite, clock.millis());
    LOG.info("event=batch_followed edges={} skippedSelf={} created={} ms={}",
        edges.size(), edges.size() - toWrite.size(), created, (System.nanoTime() - t0) / 1_000_000);
    return created;
  }

  /**
   * How {@code userId} relates to each of {@code otherIds}, in request order (duplicates
   * answered again; {@code userId} itself relates as neither following nor followed by).
   *
   * @param otherIds at most {@value #MAX_IDS}
   * @throws VentException INVALID_USER_ID if an id is malformed; TOO_MANY_IDS above {@value #MAX_IDS}
   */
  public List<Relation> relationships(String userId, List<String> otherIds) {
    UserIds.require(userId, "user_id");
    requireIds(otherIds, "other_ids");
    return otherIds.isEmpty() ? List.of() : repository.relationships(userId, otherIds);
  }

  /**
   * Follower and following counts, in request order.
   *
   * @param userIds at most {@value #MAX_IDS}
   * @throws VentException INVALID_USER_ID if an id is malformed; TOO_MANY_IDS above {@value #MAX_IDS}
   */
  public List<UserCounts> counts(List<String> userIds) {
    requireIds(userIds, "user_ids");
    return userIds.isEmpty() ? List.of() : repository.counts(userIds);
  }

  /**
   * One page of {@code userId}'s followers or followees, newest first.
   *
   * @param limit 1 to {@code paging.page-size-max} (100), 0 for 20
   * @param cursor empty for the first page, else a {@link FollowPage#nextCursor()} of this list
   * @throws VentException INVALID_USER_ID, INVALID_LIMIT, INVALID_CURSOR (checked in that order)
   */
  public FollowPage list(Direction direction, String userId, int limit, String cursor) {
    UserIds.require(userId, "user_id");
    int size = pageLimit.resolve(limit);
    PageCursor after = cursor == null || cursor.isEmpty() ? null : PageCursor.decode(cursor);
    // One entry more than asked tells whether a next page exists, so the last page carries no cursor.
    List<FollowItem> items = repository.page(direction, userId, after, size + 1);
    if (items.size() <= size) {
      return new FollowPage(items, "");
    }
    List<FollowItem> page = List.copyOf(items.subList(0, size));
    return new FollowPage(page, PageCursor.after(page.get(size - 1)).encode());
  }

  /**
   * Users whom {@code userId} follows and who follow back, most recently followed first.
   *
   * @param limit 1 to {@code paging.page-size-max} (100), 0 for 20
   * @throws VentException INVALID_USER_ID, INVALID_LIMIT
   */
  public List<String> mutuals(String userId, int limit) {
    UserIds.require(userId, "user_id");
    return repository.mutuals(userId, pageLimit.resolve(limit));
  }

  /**
   * Friends-of-friends suggestions: users followed by the {@value #SUGGESTION_FOLLOWEES} most
   * recent followees of {@code userId} (at most {@value #SUGGESTION_FOLLOWEES_EACH} most recent
   * followees of each), minus {@code userId} and anyone already followed, ranked by
   * {@link SuggestionRanking#ORDER}.
   *
   * @param limit 1 to {@code paging.page-size-max} (100), 0 for 20
   * @throws VentException INVALID_USER_ID, INVALID_LIMIT
   */
  public List<SuggestedUser> suggestions(String userId, int limit) {
    UserIds.require(userId, "user_id");
    int size = pageLimit.resolve(limit);
    RecentFollowing sample = repository.recentFollowing(userId, SUGGESTION_FOLLOWEES);
    if (sample.userIds().isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> secondLevel = repository.recentFollowingOf(sample.userIds(), SUGGESTION_FOLLOWEES_EACH);
    Map<String, Integer> counts = SuggestionRanking.countCandidates(userId, secondLevel);
    Set<String> alreadyFollowed = new HashSet<>(sample.userIds());
    if (!sample.complete() && !counts.isEmpty()) {
      // Followees older than the sample can be candidates too: ask storage about those.
      alreadyFollowed.addAll(repository.followedAmong(userId, counts.keySet()));
    }
    return SuggestionRanking.rank(counts, alreadyFollowed, size);
  }

  private static void requireIds(List<String> ids, String field) {
    if (ids.size() > MAX_IDS) {
      throw VentException.invalid(ErrorReason.TOO_MANY_IDS.name(), "at most " + MAX_IDS + " " + field + " per call, got " + ids.size());
    }
    for (int i = 0; i < ids.size(); i++) {
      UserIds.require(ids.get(i), field + "[" + i + "]");
    }
  }
}
