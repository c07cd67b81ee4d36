package vent.provider.relation.store;

import dev.vent.events.v1.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamGroup;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.events.EventJson;
import vent.common.events.EventStreams;

/**
 * Brings a relation data set written before the hand-off layout to it. The keys of the graph and
 * the inboxes keep their names ({@code vent:relation:{id}:following}, {@code :followers}, {@code
 * :deleted}, {@code vent:notification:{id}:inbox}, {@code :read-at}: already one hash tag per
 * user), so they are read as they are. What is new:
 *
 * <ol>
 *   <li>each user's clock ({@code vent:relation:{id}:clock}): set, where absent, to the newest
 *       score of the user's following list, so that the user's next follow lists after every
 *       earlier one;
 *   <li>the event stream's shards: the entries of the unsharded stream {@code vent:events:relation}
 *       that its {@code notifications} group had not acknowledged (its inbox work) are copied to
 *       the shards of their actors, where the hand-off consumer applies them (a Followed whose
 *       followers entry already exists only makes sure of the inbox entry), and the old stream is
 *       deleted.
 * </ol>
 *
 * <p>Unfollow tombstones start empty: nothing is in flight in the old layout. Idempotent and
 * resumable: clocks are set only where absent, and a run stopped after copying entries but before
 * deleting the old stream copies them again, which the idempotent consumer absorbs. Run it with the
 * relation providers stopped.
 */
public final class LayoutMigration {

  /** The unsharded relation stream of the old layout. */
  static final String OLD_STREAM = EventStreams.RELATION;

  /** The old layout's consumer group on it that filled inboxes. */
  static final String OLD_GROUP = "notifications";

  private static final Logger LOG = LoggerFactory.getLogger(LayoutMigration.class);
  private static final int KEYS_PER_BATCH = 500;
  private static final int ENTRIES_PER_READ = 1000;

  private final RedissonClient redis;
  private final int shards;

  /**
   * @param redis a client using {@link StringCodec}
   * @param shards the relation stream's shard count the providers will run with
   */
  public LayoutMigration(RedissonClient redis, int shards) {
    this.redis = redis;
    this.shards = shards;
  }

  /**
   * What one run did.
   *
   * @param clocksSet clocks that were absent and are now set
   * @param eventsCopied entries copied from the old stream to the shards
   */
  public record Result(long clocksSet, long eventsCopied) {}

  /** Runs both steps; safe to repeat. */
  public Result run() {
    long clocks = buildClocks();
    long copied = moveOldStream();
    LOG.info("event=relation_layout_migrated clocksSet={} eventsCopied={}", clocks, copied);
    return new Result(clocks, copied);
  }

  private long buildClocks() {
    Iterator<String> keys =
        redis.getKeys().getKeysByPattern("vent:relation:{*}:following", KEYS_PER_BATCH).iterator();
    long set = 0;
    while (keys.hasNext()) {
      List<String> users = new ArrayList<>(KEYS_PER_BATCH);
      while (keys.hasNext() && users.size() < KEYS_PER_BATCH) {
        String key = keys.next();
        users.add(key.substring(key.indexOf('{') + 1, key.indexOf('}')));
      }
      RBatch reads = redis.createBatch(BatchOptions.defaults());
      List<RFuture<Double>> newest = new ArrayList<>(users.size());
      for (String user : users) {
        newest.add(
            reads
                .<String>getScoredSortedSet(RelationKeys.following(user), StringCodec.INSTANCE)
                .lastScoreAsync());
      }
      reads.execute();
      RBatch writes = redis.createBatch(BatchOptions.defaults());
      List<RFuture<Boolean>> written = new ArrayList<>(users.size());
      for (int i = 0; i < users.size(); i++) {
        Double score = newest.get(i).toCompletableFuture().join();
        if (score != null) {
          written.add(
              writes
                  .<String>getBucket(RelationKeys.clock(users.get(i)), StringCodec.INSTANCE)
                  .setIfAbsentAsync(Long.toString(score.longValue())));
        }
      }
      writes.execute();
      for (RFuture<Boolean> w : written) {
        if (w.toCompletableFuture().join()) {
          set++;
        }
      }
    }
    return set;
  }

  private long moveOldStream() {
    RStream<String, String> old = redis.getStream(OLD_STREAM, StringCodec.INSTANCE);
    if (!old.isExists()) {
      return 0;
    }
    StreamMessageId from = StreamMessageId.MIN;
    Set<StreamMessageId> pending = new LinkedHashSet<>();
    for (StreamGroup group : old.listGroups()) {
      if (group.getName().equals(OLD_GROUP)) {
        from = group.getLastDeliveredId();
        old.listPending(OLD_GROUP, StreamMessageId.MIN, StreamMessageId.MAX, Integer.MAX_VALUE)
            .forEach(p -> pending.add(p.getId()));
      }
    }
    long copied = 0;
    for (StreamMessageId id : pending) {
      copied += copy(old.range(id, id));
    }
    boolean first = true;
    while (true) {
      StreamMessageId start =
          first && from.equals(StreamMessageId.MIN)
              ? StreamMessageId.MIN
              : new StreamMessageId(from.getId0(), from.getId1() + 1);
      first = false;
      Map<StreamMessageId, Map<String, String>> entries =
          old.range(ENTRIES_PER_READ, start, StreamMessageId.MAX);
      if (entries.isEmpty()) {
        break;
      }
      copied += copy(entries);
      for (StreamMessageId id : entries.keySet()) {
        from = id;
      }
    }
    old.delete();
    return copied;
  }

  /** Copies old entries to the shards of their actors; other kinds than relation events skipped. */
  private long copy(Map<StreamMessageId, Map<String, String>> entries) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    long copied = 0;
    for (Map.Entry<StreamMessageId, Map<String, String>> entry : entries.entrySet()) {
      Event event = EventJson.decode(entry.getKey().toString(), entry.getValue()).event();
      String actor =
          switch (event.getPayloadCase()) {
            case FOLLOWED -> event.getFollowed().getFollowerId();
            case UNFOLLOWED -> event.getUnfollowed().getFollowerId();
            default -> null;
          };
      if (actor == null) {
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put(EventStreams.TYPE_FIELD, entry.getValue().get(EventStreams.TYPE_FIELD));
      fields.put(EventStreams.EVENT_FIELD, entry.getValue().get(EventStreams.EVENT_FIELD));
      batch
          .<String, String>getStream(RelationKeys.shard(actor, shards), StringCodec.INSTANCE)
          .addAsync(StreamAddArgs.entries(fields));
      copied++;
    }
    batch.execute();
    return copied;
  }
}
