package vent.provider.relation.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RScoredSortedSetAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.common.events.EventStreams;
import vent.provider.relation.domain.Direction;
import vent.provider.relation.domain.FollowEdge;
import vent.provider.relation.domain.FollowItem;
import vent.provider.relation.domain.PageCursor;
import vent.provider.relation.domain.RecentFollowing;
import vent.provider.relation.domain.Relation;
import vent.provider.relation.domain.RelationRepository;
import vent.provider.relation.domain.UserCounts;

/**
 * The follow graph in Redis: per user, a {@code following} and a {@code followers} ZSET whose
 * scores are follow times in milliseconds (key layout in the module README). Writes touching
 * both sides of an edge are single Lua scripts, so an edge is never stored on one side only, and
 * each publishes its Followed / Unfollowed event to {@link EventStreams#RELATION} in the same
 * script (no event without the change, no change without the event).
 *
 * <p>Failures surface as Redisson's {@code RedisException} (UNAVAILABLE to callers).
 */
public final class RedisRelationRepository implements RelationRepository {

  /** Edges per BatchFollow script call when not configured: about 1-2 ms of Redis time each. */
  public static final int DEFAULT_BATCH_CHUNK_EDGES = 1000;
  /** Most entries ListMutualFollows examines when both of a user's lists are larger. */
  static final int MUTUAL_SCAN_BUDGET = 10_000;
  private static final int MUTUAL_SCAN_CHUNK = 500;
  /** Members per ZMSCORE command when checking many candidates. */
  private static final int MEMBERSHIP_CHUNK = 1000;

  /** Edges per direction that one call of the deletion script removes. */
  static final int REMOVE_CHUNK_EDGES = 500;

  private static final LuaScript FOLLOW = LuaScript.loadPublishing("follow");
  private static final LuaScript UNFOLLOW = LuaScript.loadPublishing("unfollow");
  private static final LuaScript BATCH_FOLLOW = LuaScript.loadPublishing("batch_follow");
  private static final LuaScript REMOVE_USER = LuaScript.load("remove_user");
  private static final LuaScript PAGE = LuaScript.load("page");
  private static final LuaScript RELATIONSHIPS = LuaScript.load("relationships");
  private static final LuaScript MUTUALS = LuaScript.load("mutuals");

  private final RedissonClient redis;
  private final RScript script;
  private final int batchChunkEdges;

  /**
   * @param redis a client using {@link StringCodec} (as {@code RedissonFactory} builds it)
   * @param batchChunkEdges edges per Lua call in {@link #batchFollow}; bounds how long one call
   *     blocks Redis
   */
  public RedisRelationRepository(RedissonClient redis, int batchChunkEdges) {
    if (batchChunkEdges < 1) {
      throw new IllegalArgumentException("batchChunkEdges must be positive");
    }
    this.redis = redis;
    this.script = redis.getScript(StringCodec.INSTANCE);
    this.batchChunkEdges = batchChunkEdges;
  }

  @Override
  public boolean follow(String followerId, String followeeId, long atMs) {
    Long created = script.eval(Mode.READ_WRITE, FOLLOW.source(), ReturnType.LONG,
        List.of(RelationKeys.following(followerId), RelationKeys.followers(followeeId), EventStreams.RELATION,
            RelationKeys.deleted(followerId), RelationKeys.deleted(followeeId)),
        followeeId, followerId, Long.toString(atMs));
    return created == 1L;
  }

  @Override
  public boolean unfollow(String followerId, String followeeId) {
    Long removed = script.eval(Mode.READ_WRITE, UNFOLLOW.source(), ReturnType.LONG,
        List.of(RelationKeys.following(followerId), RelationKeys.followers(followeeId), EventStreams.RELATION),
        followeeId, followerId);
    return removed == 1L;
  }

  @Override
  public void removeUser(String userId) {
    long left;
    do {
      left = script.eval(Mode.READ_WRITE, REMOVE_USER.source(), ReturnType.LONG,
          List.of(RelationKeys.following(userId), RelationKeys.followers(userId), RelationKeys.deleted(userId),
              NotificationKeys.inbox(userId), NotificationKeys.readAt(userId)),
          userId, RelationKeys.prefix(), Integer.toString(REMOVE_CHUNK_EDGES), NotificationKeys.prefix());
    } while (left > 0);
  }

  @Override
  public int batchFollow(List<FollowEdge> edges, long atMs) {
    String at = Long.toString(atMs);
    List<RFuture<Long>> chunks = new ArrayList<>();
    // Chunks run concurrently on the connection pool; each is atomic on its own.
    for (int from = 0; from < edges.size(); from += batchChunkEdges) {
      List<FollowEdge> chunk = edges.subList(from, Math.min(edges.size(), from + batchChunkEdges));
      List<Object> keys = new ArrayList<>(1 + chunk.size() * 2);
      keys.add(EventStreams.RELATION);
      Object[] args = new Object[1 + chunk.size() * 2];
      args[0] = at;
      int i = 1;
      for (FollowEdge edge : chunk) {
        keys.add(RelationKeys.following(edge.followerId()));
        keys.add(RelationKeys.followers(edge.followeeId()));
        args[i++] = edge.followeeId();
        args[i++] = edge.followerId();
      }
      chunks.add(script.evalAsync(Mode.READ_WRITE, BATCH_FOLLOW.source(), ReturnType.LONG, keys, args));
    }
    long created = 0;
    for (RFuture<Long> chunk : chunks) {
      created += await(chunk);
    }
    return Math.toIntExact(created);
  }

  @Override
  public List<Relation> relationships(String userId, List<String> otherIds) {
    List<Long> flags = script.eval(Mode.READ_ONLY, RELATIONSHIPS.source(), ReturnType.LIST,
        List.of(RelationKeys.following(userId), RelationKeys.followers(userId)), otherIds.toArray());
    List<Relation> out = new ArrayList<>(otherIds.size());
    for (int i = 0; i < otherIds.size(); i++) {
      long f = flags.get(i);
      out.add(new Relation(otherIds.get(i), (f & 1) != 0, (f & 2) != 0));
    }
    return out;
  }

  @Override
  public List<UserCounts> counts(List<String> userIds) {
    // A pipeline rather than one script: the keys of different users live in different
    // Cluster slots, and counts need no cross-user snapshot.
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    List<RFuture<Integer>> followers = new ArrayList<>(userIds.size());
    List<RFuture<Integer>> following = new ArrayList<>(userIds.size());
    for (String id : userIds) {
      followers.add(zset(batch, RelationKeys.followers(id)).sizeAsync());
      following.add(zset(batch, RelationKeys.following(id)).sizeAsync());
    }
    batch.execute();
    List<UserCounts> out = new ArrayList<>(userIds.size());
    for (int i = 0; i < userIds.size(); i++) {
      out.add(new UserCounts(userIds.get(i), await(followers.get(i)), await(following.get(i))));
    }
    return out;
  }

  @Override
  public List<FollowItem> page(Direction direction, String userId, PageCursor after, int max) {
    String key = direction == Direction.FOLLOWERS ? RelationKeys.followers(userId) : RelationKeys.following(userId);
    List<String> raw = script.eval(Mode.READ_ONLY, PAGE.source(), ReturnType.LIST, List.of(key),
        Integer.toString(max),
        after == null ? "" : Long.toString(after.followedAtMs()),
        after == null ? "" : after.userId());
    List<FollowItem> items = new ArrayList<>(raw.size() / 2);
    for (int i = 0; i + 1 < raw.size(); i += 2) {
      items.add(new FollowItem(raw.get(i), parseScore(raw.get(i + 1))));
    }
    return items;
  }

  @Override
  public List<String> mutuals(String userId, int limit) {
    List<String> ids = script.eval(Mode.READ_ONLY, MUTUALS.source(), ReturnType.LIST,
        List.of(RelationKeys.following(userId), RelationKeys.followers(userId)),
        Integer.toString(limit), Integer.toString(MUTUAL_SCAN_BUDGET), Integer.toString(MUTUAL_SCAN_CHUNK));
    return List.copyOf(ids);
  }

  @Override
  public RecentFollowing recentFollowing(String userId, int max) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    RScoredSortedSetAsync<String> following = zset(batch, RelationKeys.following(userId));
    RFuture<Collection<String>> ids = following.valueRangeReversedAsync(0, max - 1);
    RFuture<Integer> total = following.sizeAsync();
    batch.execute();
    return new RecentFollowing(List.copyOf(await(ids)), await(total));
  }

  @Override
  public Map<String, List<String>> recentFollowingOf(Collection<String> userIds, int maxEach) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    Map<String, RFuture<Collection<String>>> pending = new LinkedHashMap<>();
    for (String id : userIds) {
      pending.put(id, zset(batch, RelationKeys.following(id)).valueRangeReversedAsync(0, maxEach - 1));
    }
    batch.execute();
    Map<String, List<String>> out = new LinkedHashMap<>();
    pending.forEach((id, future) -> out.put(id, List.copyOf(await(future))));
    return out;
  }

  @Override
  public Set<String> followedAmong(String userId, Collection<String> candidates) {
    List<String> all = List.copyOf(candidates);
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    RScoredSortedSetAsync<String> following = zset(batch, RelationKeys.following(userId));
    List<RFuture<List<Double>>> chunks = new ArrayList<>();
    // Several ZMSCOREs rather than one huge one, so Redis serves others in between.
    for (int from = 0; from < all.size(); from += MEMBERSHIP_CHUNK) {
      chunks.add(following.getScoreAsync(all.subList(from, Math.min(all.size(), from + MEMBERSHIP_CHUNK))));
    }
    batch.execute();
    Set<String> followed = new HashSet<>();
    for (int c = 0; c < chunks.size(); c++) {
      List<Double> scores = await(chunks.get(c));
      for (int i = 0; i < scores.size(); i++) {
        if (scores.get(i) != null) {
          followed.add(all.get(c * MEMBERSHIP_CHUNK + i));
        }
      }
    }
    return followed;
  }

  private static RScoredSortedSetAsync<String> zset(RBatch batch, String key) {
    return batch.getScoredSortedSet(key, StringCodec.INSTANCE);
  }

  /** Scores are whole milliseconds; Redis may print them in exponent form, so parse as double. */
  private static long parseScore(String score) {
    return (long) Double.parseDouble(score);
  }

  /** The result of an already executed or pending call; its failure rethrown as is. */
  private static <T> T await(RFuture<T> future) {
    try {
      return future.toCompletableFuture().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
