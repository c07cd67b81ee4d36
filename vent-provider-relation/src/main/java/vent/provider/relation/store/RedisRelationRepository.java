package vent.provider.relation.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScoredSortedSetAsync;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RScriptAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.common.events.EventStreams;
import vent.common.events.OutboxRelay;
import vent.common.redis.DurableWrites;
import vent.common.redis.LuaScripts;
import vent.provider.relation.domain.Direction;
import vent.provider.relation.domain.FollowEdge;
import vent.provider.relation.domain.FollowItem;
import vent.provider.relation.domain.FollowOutcome;
import vent.provider.relation.domain.HandOff;
import vent.provider.relation.domain.PageCursor;
import vent.provider.relation.domain.RecentFollowing;
import vent.provider.relation.domain.Relation;
import vent.provider.relation.domain.RelationRepository;
import vent.provider.relation.domain.UserCounts;

/**
 * The follow graph in Redis: per user, a {@code following} and a {@code followers} ZSET whose
 * scores are follow versions in milliseconds (key layout in the module README). Every script
 * touches the keys of one user only (one Redis Cluster slot): a write changes the actor's side and
 * publishes its event to the outbox of the same slot in the same script; {@link OutboxRelay} moves
 * the event to its shard of {@link EventStreams#RELATION} right after, and the hand-off consumer
 * applies the other side with {@link #applyHandOffs}.
 *
 * <p>Failures surface as Redisson's {@code RedisException} (UNAVAILABLE to callers).
 */
public final class RedisRelationRepository implements RelationRepository {

  /** The service name of the relation outboxes, for {@code ProviderServer#outbox}. */
  public static final String OUTBOX_SERVICE = RelationKeys.SERVICE;

  /** Edges per BatchFollow script call when not configured: about 1-2 ms of Redis time each. */
  public static final int DEFAULT_BATCH_CHUNK_EDGES = 1000;

  /** How long the followee's side remembers an unfollow, against older follows arriving late. */
  public static final Duration TOMBSTONE_RETENTION = Duration.ofDays(7);

  /** Most entries ListMutualFollows examines when both of a user's lists are larger. */
  static final int MUTUAL_SCAN_BUDGET = 10_000;

  private static final int MUTUAL_SCAN_CHUNK = 500;

  /** Candidates per pipelined batch when checking many. */
  private static final int MEMBERSHIP_CHUNK = 5000;

  /** Edges per direction that one call of the deletion script removes. */
  static final int REMOVE_CHUNK_EDGES = 500;

  private static final String FOLLOW =
      LuaScripts.load("events/publish.lua", "relation/version.lua", "relation/follow.lua");
  private static final String UNFOLLOW =
      LuaScripts.load("events/publish.lua", "relation/version.lua", "relation/unfollow.lua");
  private static final String BATCH_FOLLOW =
      LuaScripts.load("events/publish.lua", "relation/version.lua", "relation/batch_follow.lua");
  private static final String REMOVE_USER =
      LuaScripts.load("events/publish.lua", "relation/version.lua", "relation/remove_user.lua");
  private static final String BLOCK =
      LuaScripts.load("events/publish.lua", "relation/version.lua", "relation/block.lua");
  private static final String UNBLOCK =
      LuaScripts.load("events/publish.lua", "relation/version.lua", "relation/unblock.lua");
  private static final String APPLY_BLOCKED = LuaScripts.load("relation/apply_blocked.lua");
  private static final String APPLY_FOLLOWEE = LuaScripts.load("relation/apply_followee.lua");
  private static final String APPLY_FOLLOWER = LuaScripts.load("relation/apply_follower.lua");
  private static final String PAGE =
      LuaScripts.load("relation/page_start.lua", "relation/page.lua");
  private static final String MUTUALS = LuaScripts.load("relation/mutuals.lua");

  private final RedissonClient redis;
  private final RScript script;
  private final OutboxRelay relay;
  private final int batchChunkEdges;
  private final int shards;
  private final DurableWrites durable;

  /**
   * @param redis a client using {@link StringCodec} (as {@code RedissonFactory} builds it)
   * @param relay the relation service's outbox relay
   * @param batchChunkEdges edges per Lua call in {@link #batchFollow}; bounds how long one call
   *     blocks Redis
   * @param shards the relation stream's shard count ({@code events.shards})
   */
  public RedisRelationRepository(
      RedissonClient redis, OutboxRelay relay, int batchChunkEdges, int shards) {
    this(redis, relay, batchChunkEdges, shards, new DurableWrites(redis, 0, Duration.ofSeconds(1)));
  }

  /**
   * As the four-argument constructor; {@code durable} runs Follow's and Unfollow's scripts, so that
   * with {@code redis.waitReplicas} > 0 they are acknowledged only once replicas have them.
   */
  public RedisRelationRepository(
      RedissonClient redis,
      OutboxRelay relay,
      int batchChunkEdges,
      int shards,
      DurableWrites durable) {
    if (batchChunkEdges < 1 || shards < 1) {
      throw new IllegalArgumentException("batchChunkEdges and shards must be positive");
    }
    this.redis = redis;
    this.script = redis.getScript(StringCodec.INSTANCE);
    this.relay = relay;
    this.batchChunkEdges = batchChunkEdges;
    this.shards = shards;
    this.durable = durable;
  }

  @Override
  public FollowOutcome follow(String followerId, String followeeId, long nowMs) {
    // The followee's deleted marker is on another slot: checked here first so that the common
    // case answers at once; a deletion racing past this check is undone by the hand-off.
    if (redis.getBucket(RelationKeys.deleted(followeeId), StringCodec.INSTANCE).isExists()) {
      return FollowOutcome.UNCHANGED;
    }
    Long created =
        durable.eval(
            FOLLOW,
            ReturnType.LONG,
            List.of(
                RelationKeys.following(followerId),
                RelationKeys.deleted(followerId),
                RelationKeys.clock(followerId),
                RelationKeys.outbox(followerId),
                RelationKeys.blocking(followerId),
                RelationKeys.blockedBy(followerId)),
            followeeId,
            followerId,
            Long.toString(nowMs),
            RelationKeys.shard(followerId, shards));
    if (created < 0) {
      return FollowOutcome.BLOCKED;
    }
    relay.relayAfterWrite(RelationKeys.outbox(followerId));
    return created == 1L ? FollowOutcome.CREATED : FollowOutcome.UNCHANGED;
  }

  @Override
  public boolean unfollow(String followerId, String followeeId, long nowMs) {
    Long removed =
        durable.eval(
            UNFOLLOW,
            ReturnType.LONG,
            List.of(
                RelationKeys.following(followerId),
                RelationKeys.clock(followerId),
                RelationKeys.outbox(followerId)),
            followeeId,
            followerId,
            Long.toString(nowMs),
            RelationKeys.shard(followerId, shards));
    relay.relayAfterWrite(RelationKeys.outbox(followerId));
    return removed == 1L;
  }

  @Override
  public boolean block(String blockerId, String blockedId, long nowMs) {
    Long created =
        durable.eval(
            BLOCK,
            ReturnType.LONG,
            List.of(
                RelationKeys.blocking(blockerId),
                RelationKeys.following(blockerId),
                RelationKeys.followers(blockerId),
                RelationKeys.unfollowed(blockerId),
                RelationKeys.deleted(blockerId),
                RelationKeys.clock(blockerId),
                RelationKeys.outbox(blockerId)),
            blockedId,
            blockerId,
            Long.toString(nowMs),
            RelationKeys.shard(blockerId, shards),
            tombstoneHorizon(nowMs));
    relay.relayAfterWrite(RelationKeys.outbox(blockerId));
    return created == 1L;
  }

  @Override
  public boolean unblock(String blockerId, String blockedId, long nowMs) {
    Long removed =
        durable.eval(
            UNBLOCK,
            ReturnType.LONG,
            List.of(
                RelationKeys.blocking(blockerId),
                RelationKeys.clock(blockerId),
                RelationKeys.outbox(blockerId)),
            blockedId,
            blockerId,
            Long.toString(nowMs),
            RelationKeys.shard(blockerId, shards));
    relay.relayAfterWrite(RelationKeys.outbox(blockerId));
    return removed == 1L;
  }

  @Override
  public boolean mute(String userId, String mutedId, long nowMs) {
    return redis
        .getScoredSortedSet(RelationKeys.muting(userId), StringCodec.INSTANCE)
        .tryAdd(nowMs, mutedId);
  }

  @Override
  public boolean unmute(String userId, String mutedId) {
    return redis
        .getScoredSortedSet(RelationKeys.muting(userId), StringCodec.INSTANCE)
        .remove(mutedId);
  }

  private static String tombstoneHorizon(long nowMs) {
    return Long.toString(nowMs - TOMBSTONE_RETENTION.toMillis());
  }

  @Override
  public void removeUser(String userId, long nowMs) {
    String outbox = RelationKeys.outbox(userId);
    long left;
    do {
      left =
          script.eval(
              Mode.READ_WRITE,
              REMOVE_USER,
              ReturnType.LONG,
              List.of(
                  RelationKeys.following(userId),
                  RelationKeys.followers(userId),
                  RelationKeys.deleted(userId),
                  NotificationKeys.inbox(userId),
                  NotificationKeys.readAt(userId),
                  RelationKeys.clock(userId),
                  RelationKeys.unfollowed(userId),
                  outbox,
                  RelationKeys.blocking(userId),
                  RelationKeys.blockedBy(userId),
                  RelationKeys.liftedBlocks(userId),
                  RelationKeys.muting(userId)),
              userId,
              Integer.toString(REMOVE_CHUNK_EDGES),
              Long.toString(nowMs),
              RelationKeys.shard(userId, shards));
      relay.relayAfterWrite(outbox);
    } while (left > 0);
  }

  @Override
  public int batchFollow(List<FollowEdge> edges, long nowMs) {
    Map<String, List<String>> byFollower = new LinkedHashMap<>();
    for (FollowEdge edge : edges) {
      byFollower.computeIfAbsent(edge.followerId(), f -> new ArrayList<>()).add(edge.followeeId());
    }
    String now = Long.toString(nowMs);
    List<RFuture<Long>> calls = new ArrayList<>();
    Set<String> outboxes = new LinkedHashSet<>();
    // One script per follower (per piece of at most batchChunkEdges followees), sent in pipelined
    // batches of about batchChunkEdges edges, one after the other; Redisson splits a batch per
    // node,
    // so the nodes of a cluster work in parallel. Each script is atomic on its own.
    RBatch batch = null;
    int inBatch = 0;
    for (Map.Entry<String, List<String>> follower : byFollower.entrySet()) {
      String followerId = follower.getKey();
      List<String> followees = follower.getValue();
      outboxes.add(RelationKeys.outbox(followerId));
      for (int from = 0; from < followees.size(); from += batchChunkEdges) {
        List<String> piece =
            followees.subList(from, Math.min(followees.size(), from + batchChunkEdges));
        if (batch == null || inBatch + piece.size() > batchChunkEdges) {
          if (batch != null) {
            batch.execute();
          }
          batch = redis.createBatch(BatchOptions.defaults());
          inBatch = 0;
        }
        Object[] args = new Object[3 + piece.size()];
        args[0] = followerId;
        args[1] = now;
        args[2] = RelationKeys.shard(followerId, shards);
        for (int i = 0; i < piece.size(); i++) {
          args[3 + i] = piece.get(i);
        }
        calls.add(
            batch
                .getScript(StringCodec.INSTANCE)
                .evalAsync(
                    Mode.READ_WRITE,
                    BATCH_FOLLOW,
                    ReturnType.LONG,
                    List.of(
                        RelationKeys.following(followerId),
                        RelationKeys.deleted(followerId),
                        RelationKeys.clock(followerId),
                        RelationKeys.outbox(followerId),
                        RelationKeys.blocking(followerId),
                        RelationKeys.blockedBy(followerId)),
                    args));
        inBatch += piece.size();
      }
    }
    if (batch != null) {
      batch.execute();
    }
    long created = 0;
    for (RFuture<Long> call : calls) {
      created += await(call);
    }
    relay.relayAfterWrite(outboxes);
    return Math.toIntExact(created);
  }

  @Override
  public int applyHandOffs(List<HandOff> handOffs, long nowMs) {
    String horizon = tombstoneHorizon(nowMs);
    String inboxSize = Integer.toString(RedisNotificationRepository.INBOX_SIZE);
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    RScriptAsync scripts = batch.getScript(StringCodec.INSTANCE);
    List<RFuture<Long>> results = new ArrayList<>(handOffs.size());
    for (HandOff h : handOffs) {
      String version = Long.toString(h.version());
      if (h.kind() == HandOff.Kind.FOLLOWEE_DELETED) {
        results.add(removeFromFollower(scripts, h.followerId(), h.followeeId(), version));
        continue;
      }
      if (h.kind() == HandOff.Kind.BLOCKED || h.kind() == HandOff.Kind.UNBLOCKED) {
        results.add(applyBlocked(scripts, h, horizon));
        continue;
      }
      String kind =
          switch (h.kind()) {
            case FOLLOWED -> "follow";
            case UNFOLLOWED -> "unfollow";
            default -> "gone";
          };
      results.add(
          scripts.evalAsync(
              Mode.READ_WRITE,
              APPLY_FOLLOWEE,
              ReturnType.LONG,
              List.of(
                  RelationKeys.followers(h.followeeId()),
                  RelationKeys.unfollowed(h.followeeId()),
                  RelationKeys.deleted(h.followeeId()),
                  NotificationKeys.inbox(h.followeeId()),
                  RelationKeys.blocking(h.followeeId())),
              kind,
              h.followerId(),
              version,
              inboxSize,
              horizon));
    }
    batch.execute();
    int changed = 0;
    RBatch handBack = null;
    for (int i = 0; i < handOffs.size(); i++) {
      long result = await(results.get(i));
      if (result > 0) {
        changed++;
      } else if (result < 0) {
        // The followee was deleted, or blocks the follower, before this follow reached their
        // side: undo the follower's.
        if (handBack == null) {
          handBack = redis.createBatch(BatchOptions.defaults());
        }
        HandOff refused = handOffs.get(i);
        removeFromFollower(
            handBack.getScript(StringCodec.INSTANCE),
            refused.followerId(),
            refused.followeeId(),
            Long.toString(refused.version()));
        changed++;
      }
    }
    if (handBack != null) {
      handBack.execute();
    }
    return changed;
  }

  /** The blocked user's side of a block or unblock ({@code apply_blocked.lua}). */
  private static RFuture<Long> applyBlocked(RScriptAsync scripts, HandOff h, String horizon) {
    String blocked = h.followeeId();
    return scripts.evalAsync(
        Mode.READ_WRITE,
        APPLY_BLOCKED,
        ReturnType.LONG,
        List.of(
            RelationKeys.blockedBy(blocked),
            RelationKeys.liftedBlocks(blocked),
            RelationKeys.following(blocked),
            RelationKeys.followers(blocked),
            RelationKeys.unfollowed(blocked),
            RelationKeys.deleted(blocked)),
        h.kind() == HandOff.Kind.BLOCKED ? "block" : "unblock",
        h.followerId(),
        Long.toString(h.version()),
        horizon);
  }

  private static RFuture<Long> removeFromFollower(
      RScriptAsync scripts, String followerId, String followeeId, String version) {
    return scripts.evalAsync(
        Mode.READ_WRITE,
        APPLY_FOLLOWER,
        ReturnType.LONG,
        List.of(RelationKeys.following(followerId)),
        followeeId,
        version);
  }

  @Override
  public List<Relation> relationships(String userId, List<String> otherIds) {
    // following(user) answers "following", each other user's following answers "followed by":
    // the forward sides, which their owners' writes change at once. Blocks and mutes are the
    // user's own sets. One pipelined batch.
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    RScoredSortedSetAsync<String> following = zset(batch, RelationKeys.following(userId));
    RScoredSortedSetAsync<String> blocking = zset(batch, RelationKeys.blocking(userId));
    RScoredSortedSetAsync<String> blockedBy = zset(batch, RelationKeys.blockedBy(userId));
    RScoredSortedSetAsync<String> muting = zset(batch, RelationKeys.muting(userId));
    int n = otherIds.size();
    List<RFuture<Double>> scores = new ArrayList<>(5 * n);
    for (String other : otherIds) {
      scores.add(following.getScoreAsync(other));
      scores.add(zset(batch, RelationKeys.following(other)).getScoreAsync(userId));
      scores.add(blocking.getScoreAsync(other));
      scores.add(blockedBy.getScoreAsync(other));
      scores.add(muting.getScoreAsync(other));
    }
    batch.execute();
    List<Relation> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          new Relation(
              otherIds.get(i),
              await(scores.get(5 * i)) != null,
              await(scores.get(5 * i + 1)) != null,
              await(scores.get(5 * i + 2)) != null,
              await(scores.get(5 * i + 3)) != null,
              await(scores.get(5 * i + 4)) != null));
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
    String key =
        switch (direction) {
          case FOLLOWERS -> RelationKeys.followers(userId);
          case FOLLOWING -> RelationKeys.following(userId);
          case BLOCKING -> RelationKeys.blocking(userId);
          case MUTING -> RelationKeys.muting(userId);
        };
    List<String> raw =
        script.eval(
            Mode.READ_ONLY,
            PAGE,
            ReturnType.LIST,
            List.of(key),
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
    List<String> ids =
        script.eval(
            Mode.READ_ONLY,
            MUTUALS,
            ReturnType.LIST,
            List.of(RelationKeys.following(userId), RelationKeys.followers(userId)),
            Integer.toString(limit),
            Integer.toString(MUTUAL_SCAN_BUDGET),
            Integer.toString(MUTUAL_SCAN_CHUNK));
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
      pending.put(
          id, zset(batch, RelationKeys.following(id)).valueRangeReversedAsync(0, maxEach - 1));
    }
    batch.execute();
    Map<String, List<String>> out = new LinkedHashMap<>();
    pending.forEach((id, future) -> out.put(id, List.copyOf(await(future))));
    return out;
  }

  @Override
  public Set<String> followedAmong(String userId, Collection<String> candidates) {
    List<String> all = List.copyOf(candidates);
    Set<String> followed = new HashSet<>();
    // One ZSCORE per candidate (plain commands: Redisson's multi-member getScore is a cached script
    // that a batch on a Redis Cluster does not load), pipelined in batches so that Redis serves
    // others in between.
    for (int from = 0; from < all.size(); from += MEMBERSHIP_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + MEMBERSHIP_CHUNK));
      RBatch batch = redis.createBatch(BatchOptions.defaults());
      RScoredSortedSetAsync<String> following = zset(batch, RelationKeys.following(userId));
      List<RFuture<Double>> scores = new ArrayList<>(chunk.size());
      chunk.forEach(candidate -> scores.add(following.getScoreAsync(candidate)));
      batch.execute();
      for (int i = 0; i < chunk.size(); i++) {
        if (await(scores.get(i)) != null) {
          followed.add(chunk.get(i));
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
