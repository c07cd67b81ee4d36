package vent.provider.post.store;

import dev.vent.api.rules.VentIds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.ScoredEntry;
import vent.common.events.OutboxRelay;
import vent.common.redis.LuaScripts;
import vent.provider.post.domain.Audience;
import vent.provider.post.domain.Feed;
import vent.provider.post.domain.FeedPosition;
import vent.provider.post.domain.Mention;
import vent.provider.post.domain.Vent;
import vent.provider.post.domain.VentRepository;

/**
 * Vents, author lists and home timelines in Redis (key layout in the module README). Every script
 * touches the keys of one user (one Redis Cluster slot): a write changes the author's keys and
 * publishes its event to the outbox of the same slot in the same script; {@link OutboxRelay} moves
 * the event to its shard of {@code vent:events:post} right after. Fan-out writes one command per
 * follower timeline, pipelined; each is idempotent.
 *
 * <p>Failures surface as Redisson's {@code RedisException} (UNAVAILABLE to callers).
 */
public final class RedisVentRepository implements VentRepository {

  /** The service name of the post outboxes, for {@code ProviderServer#outbox}. */
  public static final String OUTBOX_SERVICE = PostKeys.SERVICE;

  /** Vents per call of the account-deletion script. */
  static final int REMOVE_CHUNK = 200;

  private static final String CREATE = LuaScripts.load("events/publish.lua", "post/create.lua");
  private static final String DELETE = LuaScripts.load("events/publish.lua", "post/delete.lua");
  private static final String REMOVE_VENTS = LuaScripts.load("post/remove_vents.lua");

  private final RedissonClient redis;
  private final RScript script;
  private final OutboxRelay relay;
  private final int shards;

  /**
   * @param redis a client using {@link StringCodec} (as {@code RedissonFactory} builds it)
   * @param relay the post service's outbox relay
   * @param shards the post stream's shard count ({@code events.shards})
   */
  public RedisVentRepository(RedissonClient redis, OutboxRelay relay, int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be positive");
    }
    this.redis = redis;
    this.script = redis.getScript(StringCodec.INSTANCE);
    this.relay = relay;
    this.shards = shards;
  }

  @Override
  public boolean create(Vent vent, int timelineCapacity) {
    String author = vent.authorId();
    List<Object> args = new ArrayList<>();
    args.add(vent.id());
    args.add(author);
    args.add(vent.text());
    args.add(vent.audience().wireName());
    args.add(Long.toString(vent.createdAtMs()));
    args.add(Long.toString(vent.expiresAtMs()));
    args.add(encodeMentions(vent.mentions()));
    args.add(Integer.toString(timelineCapacity));
    args.add(PostKeys.shard(author, shards));
    vent.mentions().forEach(m -> args.add(m.userId()));
    Long created =
        script.eval(
            Mode.READ_WRITE,
            CREATE,
            ReturnType.LONG,
            List.of(
                PostKeys.vent(author, vent.id()),
                PostKeys.vents(author),
                PostKeys.home(author),
                PostKeys.outbox(author)),
            args.toArray());
    if (created == 1L) {
      relay.relayAfterWrite(PostKeys.outbox(author));
    }
    return created == 1L;
  }

  @Override
  public boolean delete(String authorId, String ventId, long nowMs) {
    Long deleted =
        script.eval(
            Mode.READ_WRITE,
            DELETE,
            ReturnType.LONG,
            List.of(
                PostKeys.vent(authorId, ventId),
                PostKeys.vents(authorId),
                PostKeys.home(authorId),
                PostKeys.outbox(authorId)),
            ventId,
            authorId,
            Long.toString(nowMs),
            PostKeys.shard(authorId, shards));
    if (deleted == 1L) {
      relay.relayAfterWrite(PostKeys.outbox(authorId));
    }
    return deleted == 1L;
  }

  @Override
  public Map<String, Vent> load(Collection<String> ventIds) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    Map<String, RFuture<Map<String, String>>> reads = new LinkedHashMap<>();
    for (String id : ventIds) {
      reads.put(
          id,
          batch
              .<String, String>getMap(PostKeys.vent(VentIds.authorOf(id), id), StringCodec.INSTANCE)
              .readAllMapAsync());
    }
    batch.execute();
    Map<String, Vent> found = new HashMap<>();
    reads.forEach(
        (id, read) -> {
          Map<String, String> fields = read.toCompletableFuture().join();
          if (fields != null && fields.containsKey("createdAt")) {
            found.put(id, decode(id, fields));
          }
        });
    return found;
  }

  @Override
  public List<List<FeedPosition>> read(List<Feed> feeds, FeedPosition after, int count) {
    // The range is inclusive of the cursor's time, and what is not after the cursor is skipped:
    // vents created in the same millisecond are ordered by id, which a score range cannot express.
    // So a range may come back full yet short of count places; only then is that feed read on.
    double max = after == null ? Double.POSITIVE_INFINITY : after.createdAtMs();
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    List<RFuture<Collection<ScoredEntry<String>>>> firsts = new ArrayList<>(feeds.size());
    for (Feed feed : feeds) {
      firsts.add(
          batch
              .<String>getScoredSortedSet(key(feed), StringCodec.INSTANCE)
              .entryRangeReversedAsync(Double.NEGATIVE_INFINITY, true, max, true, 0, count));
    }
    batch.execute();
    List<List<FeedPosition>> out = new ArrayList<>(feeds.size());
    for (int i = 0; i < feeds.size(); i++) {
      Collection<ScoredEntry<String>> entries = firsts.get(i).toCompletableFuture().join();
      List<FeedPosition> places = new ArrayList<>(count);
      keepAfter(entries, after, count, places);
      RScoredSortedSet<String> set =
          redis.getScoredSortedSet(key(feeds.get(i)), StringCodec.INSTANCE);
      for (int offset = count; places.size() < count && entries.size() == count; offset += count) {
        entries = set.entryRangeReversed(Double.NEGATIVE_INFINITY, true, max, true, offset, count);
        keepAfter(entries, after, count, places);
      }
      out.add(places);
    }
    return out;
  }

  private static void keepAfter(
      Collection<ScoredEntry<String>> entries,
      FeedPosition after,
      int count,
      List<FeedPosition> places) {
    for (ScoredEntry<String> e : entries) {
      FeedPosition p = new FeedPosition(e.getScore().longValue(), e.getValue());
      if ((after == null || p.isAfter(after)) && places.size() < count) {
        places.add(p);
      }
    }
  }

  @Override
  public void forget(Feed feed, Collection<String> ventIds) {
    if (!ventIds.isEmpty()) {
      redis.getScoredSortedSet(key(feed), StringCodec.INSTANCE).removeAll(ventIds);
    }
  }

  @Override
  public void addToTimelines(Collection<String> userIds, FeedPosition vent, int capacity) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    for (String user : userIds) {
      var home = batch.<String>getScoredSortedSet(PostKeys.home(user), StringCodec.INSTANCE);
      home.addAsync(vent.createdAtMs(), vent.ventId());
      home.removeRangeByRankAsync(0, -(capacity + 1));
    }
    batch.execute();
  }

  @Override
  public void removeFromTimelines(Collection<String> userIds, String ventId) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    for (String user : userIds) {
      batch.getScoredSortedSet(PostKeys.home(user), StringCodec.INSTANCE).removeAsync(ventId);
    }
    batch.execute();
  }

  @Override
  public Set<String> bigAuthors() {
    return redis.<String>getSet(PostKeys.BIG_AUTHORS, StringCodec.INSTANCE).readAll();
  }

  @Override
  public void addBigAuthor(String authorId) {
    redis.getSet(PostKeys.BIG_AUTHORS, StringCodec.INSTANCE).add(authorId);
  }

  @Override
  public int removeUser(String userId) {
    RScoredSortedSet<String> list =
        redis.getScoredSortedSet(PostKeys.vents(userId), StringCodec.INSTANCE);
    int removed = 0;
    long left;
    do {
      List<String> chunk = new ArrayList<>(list.valueRange(0, REMOVE_CHUNK - 1));
      List<Object> keys = new ArrayList<>(chunk.size() + 2);
      keys.add(PostKeys.vents(userId));
      keys.add(PostKeys.home(userId));
      chunk.forEach(id -> keys.add(PostKeys.vent(userId, id)));
      left = script.eval(Mode.READ_WRITE, REMOVE_VENTS, ReturnType.LONG, keys, chunk.toArray());
      removed += chunk.size();
    } while (left > 0);
    redis.getSet(PostKeys.BIG_AUTHORS, StringCodec.INSTANCE).remove(userId);
    return removed;
  }

  private static String key(Feed feed) {
    return feed.kind() == Feed.Kind.HOME
        ? PostKeys.home(feed.userId())
        : PostKeys.vents(feed.userId());
  }

  private static String encodeMentions(List<Mention> mentions) {
    StringBuilder s = new StringBuilder();
    for (Mention m : mentions) {
      if (s.length() > 0) {
        s.append(' ');
      }
      s.append(m.userId()).append(':').append(m.username());
    }
    return s.toString();
  }

  private static Vent decode(String id, Map<String, String> fields) {
    List<Mention> mentions = new ArrayList<>();
    String encoded = fields.getOrDefault("mentions", "");
    if (!encoded.isEmpty()) {
      for (String m : encoded.split(" ")) {
        int colon = m.indexOf(':');
        mentions.add(new Mention(m.substring(0, colon), m.substring(colon + 1)));
      }
    }
    return new Vent(
        id,
        VentIds.authorOf(id),
        fields.getOrDefault("text", ""),
        Audience.fromWireName(fields.getOrDefault("audience", "public")),
        Long.parseLong(fields.get("createdAt")),
        Long.parseLong(fields.getOrDefault("expiresAt", "0")),
        mentions);
  }
}
