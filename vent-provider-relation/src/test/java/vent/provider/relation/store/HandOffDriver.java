package vent.provider.relation.store;

import dev.vent.events.v1.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import vent.common.events.EventJson;
import vent.common.events.EventStreams;
import vent.common.events.OutboxRelay;
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
import vent.provider.relation.events.HandOffHandler;

/**
 * Test stand-in for the hand-off consumer group: reads what the relation stream's shards received
 * since its last call and applies it through {@link RelationRepository#applyHandOffs}, as {@link
 * HandOffHandler} does in the provider. {@link #settling} wraps a repository so that every write is
 * followed by that, for tests about converged state.
 */
public final class HandOffDriver {

  /** Shards of the relation stream in tests: more than one, as in a sharded deployment. */
  public static final int SHARDS = 3;

  private static final int APPLY_BATCH = 500;

  /** Entries per XRANGE when reading a shard. */
  private static final int READ_PAGE = 2_000;

  private final RedissonClient redis;
  private final Map<String, StreamMessageId> read = new HashMap<>();
  private final LongSupplier now;
  private RelationRepository target;

  /**
   * @param now the time hand-offs are applied at (tombstones older than the retention before it are
   *     dropped), in the same frame as the tests' follow times
   */
  public HandOffDriver(RedissonClient redis, LongSupplier now) {
    this.redis = redis;
    this.now = now;
  }

  /** A repository on {@code redis} with {@link #SHARDS} shards and its own relay. */
  public static RedisRelationRepository repository(RedissonClient redis, int batchChunkEdges) {
    return new RedisRelationRepository(
        redis, new OutboxRelay(redis, RelationKeys.SERVICE), batchChunkEdges, SHARDS);
  }

  /** {@code repository} whose writes each return once their hand-offs are applied. */
  public RelationRepository settling(RelationRepository repository) {
    this.target = repository;
    return new Settling(repository);
  }

  /** Applies every event published since the last call, repeating until none is left. */
  public void settle() {
    while (true) {
      List<HandOff> handOffs = new ArrayList<>();
      for (Event event : next()) {
        HandOffHandler.handOff(event).ifPresent(handOffs::add);
      }
      if (handOffs.isEmpty()) {
        return;
      }
      // In pieces of a consumer batch's size or so, as the consumer group applies them.
      for (int from = 0; from < handOffs.size(); from += APPLY_BATCH) {
        target.applyHandOffs(
            handOffs.subList(from, Math.min(handOffs.size(), from + APPLY_BATCH)), now.getAsLong());
      }
    }
  }

  /** Every event in every shard, shard 0 first, each shard in stream order. */
  public List<Event> events() {
    List<Event> out = new ArrayList<>();
    for (String shard : EventStreams.shards(EventStreams.RELATION, SHARDS)) {
      readAfter(shard, null, (id, event) -> out.add(event));
    }
    return out;
  }

  private List<Event> next() {
    List<Event> out = new ArrayList<>();
    for (String shard : EventStreams.shards(EventStreams.RELATION, SHARDS)) {
      readAfter(
          shard,
          read.get(shard),
          (id, event) -> {
            read.put(shard, id);
            out.add(event);
          });
    }
    return out;
  }

  /**
   * Reads {@code shard} after {@code last} (from its start when null) in pages of {@value
   * #READ_PAGE}, as the consumer group does: one XRANGE of a 100,000-event shard is tens of MB in a
   * single answer, which a loaded machine does not deliver within the client's timeout.
   */
  private void readAfter(
      String shard, StreamMessageId last, BiConsumer<StreamMessageId, Event> sink) {
    RStream<String, String> stream = redis.getStream(shard, StringCodec.INSTANCE);
    StreamMessageId after = last;
    while (true) {
      Map<StreamMessageId, Map<String, String>> page =
          stream.range(
              READ_PAGE,
              after == null
                  ? StreamMessageId.MIN
                  : new StreamMessageId(after.getId0(), after.getId1() + 1),
              StreamMessageId.MAX);
      for (Map.Entry<StreamMessageId, Map<String, String>> e : page.entrySet()) {
        after = e.getKey();
        sink.accept(after, EventJson.decode(after.toString(), e.getValue()).event());
      }
      if (page.size() < READ_PAGE) {
        return;
      }
    }
  }

  private final class Settling implements RelationRepository {
    private final RelationRepository repository;

    Settling(RelationRepository repository) {
      this.repository = repository;
    }

    @Override
    public FollowOutcome follow(String followerId, String followeeId, long nowMs) {
      FollowOutcome outcome = repository.follow(followerId, followeeId, nowMs);
      settle();
      return outcome;
    }

    @Override
    public boolean block(String blockerId, String blockedId, long nowMs) {
      boolean created = repository.block(blockerId, blockedId, nowMs);
      settle();
      return created;
    }

    @Override
    public boolean unblock(String blockerId, String blockedId, long nowMs) {
      boolean removed = repository.unblock(blockerId, blockedId, nowMs);
      settle();
      return removed;
    }

    @Override
    public boolean mute(String userId, String mutedId, long nowMs) {
      return repository.mute(userId, mutedId, nowMs);
    }

    @Override
    public boolean unmute(String userId, String mutedId) {
      return repository.unmute(userId, mutedId);
    }

    @Override
    public boolean unfollow(String followerId, String followeeId, long nowMs) {
      boolean removed = repository.unfollow(followerId, followeeId, nowMs);
      settle();
      return removed;
    }

    @Override
    public void removeUser(String userId, long nowMs) {
      repository.removeUser(userId, nowMs);
      settle();
    }

    @Override
    public int batchFollow(List<FollowEdge> edges, long nowMs) {
      int created = repository.batchFollow(edges, nowMs);
      settle();
      return created;
    }

    @Override
    public int applyHandOffs(List<HandOff> handOffs, long nowMs) {
      return repository.applyHandOffs(handOffs, nowMs);
    }

    @Override
    public List<Relation> relationships(String userId, List<String> otherIds) {
      return repository.relationships(userId, otherIds);
    }

    @Override
    public List<UserCounts> counts(List<String> userIds) {
      return repository.counts(userIds);
    }

    @Override
    public List<FollowItem> page(Direction direction, String userId, PageCursor after, int max) {
      return repository.page(direction, userId, after, max);
    }

    @Override
    public List<String> mutuals(String userId, int limit) {
      return repository.mutuals(userId, limit);
    }

    @Override
    public RecentFollowing recentFollowing(String userId, int max) {
      return repository.recentFollowing(userId, max);
    }

    @Override
    public Map<String, List<String>> recentFollowingOf(Collection<String> userIds, int maxEach) {
      return repository.recentFollowingOf(userIds, maxEach);
    }

    @Override
    public Set<String> followedAmong(String userId, Collection<String> candidates) {
      return repository.followedAmong(userId, candidates);
    }
  }
}
