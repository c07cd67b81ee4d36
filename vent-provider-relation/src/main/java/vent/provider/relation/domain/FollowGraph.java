package vent.provider.relation.domain;

import dev.vent.api.rules.FieldRule;
import dev.vent.relation.v1.BatchFollowRequest;
import dev.vent.relation.v1.ErrorReason;
import dev.vent.relation.v1.GetCountsRequest;
import dev.vent.relation.v1.GetRelationshipsRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.ErrorKind;
import vent.common.error.RequestChecks;
import vent.common.error.VentException;

/**
 * The use cases of the follow graph (the RelationService contract in relation.proto): input
 * validation, defaults and limits here, storage in a {@link RelationRepository}.
 *
 * <p>Every method validates all its input before touching storage, so a rejected call changes
 * nothing. Errors are {@link VentException}s of kind INVALID_ARGUMENT with a reason from {@code
 * vent.relation.v1.ErrorReason}.
 */
public final class FollowGraph {

  private static final FieldRule EDGES = FieldRule.of(BatchFollowRequest.getDescriptor(), "edges");
  private static final FieldRule OTHER_IDS =
      FieldRule.of(GetRelationshipsRequest.getDescriptor(), "other_ids");
  private static final FieldRule USER_IDS =
      FieldRule.of(GetCountsRequest.getDescriptor(), "user_ids");

  /** Most edges one BatchFollow call accepts (relation.proto). */
  public static final int MAX_BATCH_EDGES = EDGES.maxItems();

  /** Most ids one GetRelationships or GetCounts call accepts (relation.proto). */
  public static final int MAX_IDS = OTHER_IDS.maxItems();

  /** Suggestions look at this many most recent followees of the asking user... */
  public static final int SUGGESTION_FOLLOWEES = 200;

  /** ...and at this many most recent followees of each of them. */
  public static final int SUGGESTION_FOLLOWEES_EACH = 500;

  private static final Logger LOG = LoggerFactory.getLogger(FollowGraph.class);

  private final RelationRepository repository;
  private final Clock clock;
  private final PageLimit pageLimit;

  /**
   * @param clock source of follow times (UTC milliseconds); injectable for tests
   */
  public FollowGraph(RelationRepository repository, Clock clock) {
    this(repository, clock, PageLimit.fixed(PageLimit.MAX));
  }

  /**
   * @param pageLimit page sizes of list calls (the largest from the global configuration)
   */
  public FollowGraph(RelationRepository repository, Clock clock, PageLimit pageLimit) {
    this.repository = Objects.requireNonNull(repository);
    this.clock = Objects.requireNonNull(clock);
    this.pageLimit = Objects.requireNonNull(pageLimit);
  }

  /**
   * {@code followerId} follows {@code followeeId}, now. Idempotent. The follower's following list
   * shows it at once; the followee's followers list and inbox once the hand-off is applied.
   *
   * @return true if the edge is new, false if it existed (nothing changes then)
   * @throws VentException INVALID_USER_ID if an id is malformed; CANNOT_FOLLOW_SELF if both are
   *     equal; PERMISSION_DENIED BLOCKED if either user blocks the other (the follower's side
   *     learns of the followee's block through the hand-off; a follow in that window is undone by
   *     it)
   */
  public boolean follow(String followerId, String followeeId) {
    UserIds.require(followerId, "follower_id");
    UserIds.require(followeeId, "followee_id");
    if (followerId.equals(followeeId)) {
      throw VentException.invalid(
          ErrorReason.CANNOT_FOLLOW_SELF.name(), "a user cannot follow themself");
    }
    FollowOutcome outcome = repository.follow(followerId, followeeId, clock.millis());
    if (outcome == FollowOutcome.BLOCKED) {
      throw new VentException(
          ErrorKind.PERMISSION_DENIED,
          ErrorReason.BLOCKED.name(),
          "one of the two users blocks the other");
    }
    boolean created = outcome == FollowOutcome.CREATED;
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
    boolean removed = repository.unfollow(followerId, followeeId, clock.millis());
    if (removed) {
      LOG.info("event=unfollowed followerId={} followeeId={}", followerId, followeeId);
    }
    return removed;
  }

  /**
   * {@code blockerId} blocks {@code blockedId}, now: the follows between them go both ways (the
   * blocker's side at once, the other through the hand-off) and new ones are refused. Idempotent.
   *
   * @return true if the block is new
   * @throws VentException INVALID_USER_ID if an id is malformed; CANNOT_BLOCK_SELF if both are
   *     equal
   */
  public boolean block(String blockerId, String blockedId) {
    requirePair(blockerId, blockedId, ErrorReason.CANNOT_BLOCK_SELF, "block");
    boolean created = repository.block(blockerId, blockedId, clock.millis());
    if (created) {
      LOG.info("event=blocked blockerId={} blockedId={}", blockerId, blockedId);
    }
    return created;
  }

  /**
   * Lifts a block; the follows it removed stay removed. Idempotent.
   *
   * @return true if a block was lifted
   * @throws VentException INVALID_USER_ID if an id is malformed
   */
  public boolean unblock(String blockerId, String blockedId) {
    UserIds.require(blockerId, "user_id");
    UserIds.require(blockedId, "other_id");
    boolean removed = repository.unblock(blockerId, blockedId, clock.millis());
    if (removed) {
      LOG.info("event=unblocked blockerId={} blockedId={}", blockerId, blockedId);
    }
    return removed;
  }

  /**
   * {@code userId} mutes {@code mutedId}, now; follows are kept. Idempotent.
   *
   * @return true if the mute is new
   * @throws VentException INVALID_USER_ID if an id is malformed; CANNOT_MUTE_SELF if both are equal
   */
  public boolean mute(String userId, String mutedId) {
    requirePair(userId, mutedId, ErrorReason.CANNOT_MUTE_SELF, "mute");
    boolean created = repository.mute(userId, mutedId, clock.millis());
    if (created) {
      LOG.info("event=muted userId={} mutedId={}", userId, mutedId);
    }
    return created;
  }

  /**
   * Lifts a mute. Idempotent.
   *
   * @return true if a mute was lifted
   * @throws VentException INVALID_USER_ID if an id is malformed
   */
  public boolean unmute(String userId, String mutedId) {
    UserIds.require(userId, "user_id");
    UserIds.require(mutedId, "other_id");
    boolean removed = repository.unmute(userId, mutedId);
    if (removed) {
      LOG.info("event=unmuted userId={} mutedId={}", userId, mutedId);
    }
    return removed;
  }

  private static void requirePair(String userId, String otherId, ErrorReason self, String verb) {
    UserIds.require(userId, "user_id");
    UserIds.require(otherId, "other_id");
    if (userId.equals(otherId)) {
      throw VentException.invalid(self.name(), "a user cannot " + verb + " themself");
    }
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
    repository.removeUser(userId, clock.millis());
    LOG.info(
        "event=user_edges_removed userId={} tookMs={}",
        userId,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Applies the other side of edge changes (the hand-off consumer's batch); idempotent and
   * insensitive to order, so redelivered or reordered events are harmless.
   *
   * @throws VentException INVALID_USER_ID if an id is malformed (then nothing is applied)
   */
  public void applyHandOffs(List<HandOff> handOffs) {
    for (HandOff h : handOffs) {
      UserIds.require(h.followerId(), "follower_id");
      UserIds.require(h.followeeId(), "followee_id");
    }
    if (handOffs.isEmpty()) {
      return;
    }
    int changed = repository.applyHandOffs(handOffs, clock.millis());
    LOG.debug("event=hand_offs_applied count={} changed={}", handOffs.size(), changed);
  }

  /**
   * Bulk follow for imports: every edge as {@link #follow}, each follower's new edges with one
   * follow time; self-edges are skipped silently. Either every edge is validated and written, or
   * (bad input) none is.
   *
   * @param edges at most {@link #MAX_BATCH_EDGES}
   * @return how many edges did not exist before this call
   * @throws VentException TOO_MANY_IDS above {@link #MAX_BATCH_EDGES} edges; INVALID_USER_ID if any
   *     id is malformed
   */
  public int batchFollow(List<FollowEdge> edges) {
    RequestChecks.require(EDGES.checkCount(edges.size()));
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
    LOG.info(
        "event=batch_followed edges={} skippedSelf={} created={} ms={}",
        edges.size(),
        edges.size() - toWrite.size(),
        created,
        (System.nanoTime() - t0) / 1_000_000);
    return created;
  }

  /**
   * How {@code userId} relates to each of {@code otherIds}, in request order (duplicates answered
   * again; {@code userId} itself relates as neither following nor followed by).
   *
   * @param otherIds at most {@link #MAX_IDS}
   * @throws VentException INVALID_USER_ID if an id is malformed; TOO_MANY_IDS above {@link
   *     #MAX_IDS}
   */
  public List<Relation> relationships(String userId, List<String> otherIds) {
    UserIds.require(userId, "user_id");
    requireIds(otherIds, OTHER_IDS);
    return otherIds.isEmpty() ? List.of() : repository.relationships(userId, otherIds);
  }

  /**
   * Follower and following counts, in request order.
   *
   * @param userIds at most {@link #MAX_IDS}
   * @throws VentException INVALID_USER_ID if an id is malformed; TOO_MANY_IDS above {@link
   *     #MAX_IDS}
   */
  public List<UserCounts> counts(List<String> userIds) {
    requireIds(userIds, USER_IDS);
    return userIds.isEmpty() ? List.of() : repository.counts(userIds);
  }

  /**
   * One page of {@code userId}'s followers, followees, blocked or muted users, newest first.
   *
   * @param limit 1 to {@code paging.page-size-max} (100), 0 for 20
   * @param cursor empty for the first page, else a {@link FollowPage#nextCursor()} of this list
   * @throws VentException INVALID_USER_ID, INVALID_LIMIT, INVALID_CURSOR (checked in that order)
   */
  public FollowPage list(Direction direction, String userId, int limit, String cursor) {
    UserIds.require(userId, "user_id");
    int size = pageLimit.resolve(limit);
    PageCursor after = cursor == null || cursor.isEmpty() ? null : PageCursor.decode(cursor);
    // One entry more than asked tells whether a next page exists, so the last page carries no
    // cursor.
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
   * followees of each), minus {@code userId} and anyone already followed, ranked by {@link
   * SuggestionRanking#ORDER}.
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
    Map<String, List<String>> secondLevel =
        repository.recentFollowingOf(sample.userIds(), SUGGESTION_FOLLOWEES_EACH);
    Map<String, Integer> counts = SuggestionRanking.countCandidates(userId, secondLevel);
    Set<String> alreadyFollowed = new HashSet<>(sample.userIds());
    if (!sample.complete() && !counts.isEmpty()) {
      // Followees older than the sample can be candidates too: ask storage about those.
      alreadyFollowed.addAll(repository.followedAmong(userId, counts.keySet()));
    }
    return SuggestionRanking.rank(counts, alreadyFollowed, size);
  }

  private static void requireIds(List<String> ids, FieldRule rule) {
    RequestChecks.require(rule.checkCount(ids.size()));
    for (int i = 0; i < ids.size(); i++) {
      RequestChecks.require(rule.check(ids.get(i), rule.name() + "[" + i + "]"));
    }
  }
}
