package vent.web.auth;

import dev.vent.events.v1.Event;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.redisson.RedissonShutdownException;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadArgs;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.events.DomainEvent;
import vent.common.events.EventJson;
import vent.common.events.EventStreams;
import vent.common.logging.Outage;

/**
 * Fills {@link DeletedUsers} from one shard of the user event stream ({@value EventStreams#USER},
 * entries as in {@code vent/events/v1/events.proto}), on a daemon thread; vent-web runs one per
 * shard.
 *
 * <p>Plain {@code XREAD BLOCK}, not a consumer group: a group hands each entry to one member, and
 * every vent-web instance must see every deletion. Reading starts at the id {@code <now -
 * window>-0}, so a (re)started instance learns the deletions whose tokens may still be valid; after
 * that it follows the stream from the last id read. A deletion reaches the set within one Redis
 * round trip of its XADD.
 *
 * <p>{@link #caughtUp()} turns true once the first catch-up has reached the end of the stream (a
 * read returned less than a full batch), and stays true: until then tokens of users deleted shortly
 * before this instance started could still pass, so vent-web reports itself not ready.
 *
 * <p>Redis outages: the set is kept (tokens of users deleted before the outage stay refused), one
 * line is logged when reading starts failing and one when it works again, and it retries every
 * second, continuing after the last id read, so no deletion of the outage is missed as long as the
 * stream still holds it.
 */
public final class DeletedUsersTail implements Managed {

  private static final Logger LOG = LoggerFactory.getLogger(DeletedUsersTail.class);
  private static final String USER_DELETED = "UserDeleted";
  private static final long RETRY_MS = 1000;

  /** Entries per XREAD: the start-up catch-up reads a window of registrations and updates too. */
  private static final int BATCH = 1000;

  private final Supplier<RedissonClient> redis;
  private final DeletedUsers deleted;
  private final Duration block;
  private final String shard;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean caughtUp;
  private final Outage outage;
  private StreamMessageId last;

  /**
   * @param redis the shared client; throws while Redis cannot be reached
   * @param deleted the set to fill
   * @param block how long one XREAD waits for new entries (also the longest wait of {@link
   *     #stop()})
   * @param shard the shard of the user stream to follow, e.g. {@code vent:events:user:{user-0}}
   */
  public DeletedUsersTail(
      Supplier<RedissonClient> redis, DeletedUsers deleted, Duration block, String shard) {
    this.redis = redis;
    this.deleted = deleted;
    this.block = block;
    this.shard = shard;
    this.thread = new Thread(this::run, "deleted-users-tail-" + shard);
    this.thread.setDaemon(true);
    this.outage =
        new Outage(
            LOG,
            "deleted_users_tail",
            () -> "stream=" + shard + " kept=" + deleted.size(),
            RETRY_MS);
  }

  /** Starts reading on its own thread. */
  @Override
  public void start() {
    thread.start();
    LOG.info(
        "event=deleted_users_tail_started stream={} from_ms={}", shard, deleted.windowStartMs());
  }

  /**
   * @return whether the start-up catch-up has read the stream to its end; never false again after
   */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** Stops after the current XREAD, waiting at most the block time plus 2 s. */
  @Override
  public void stop() throws InterruptedException {
    running = false;
    thread.join(block.toMillis() + 2000);
  }

  private void run() {
    while (running) {
      try {
        readOnce();
        outage.succeeded();
      } catch (RedissonShutdownException e) {
        return;
      } catch (RuntimeException e) {
        if (!outage.failed(e)) {
          running = false;
        }
      }
    }
  }

  /** One XREAD: waits up to the block time, records the deletions read. */
  private void readOnce() {
    if (last == null) {
      last = new StreamMessageId(Math.max(0, deleted.windowStartMs()), 0);
    }
    RStream<String, String> stream = redis.get().getStream(shard, StringCodec.INSTANCE);
    Map<StreamMessageId, Map<String, String>> entries =
        stream.read(StreamReadArgs.greaterThan(last).count(BATCH).timeout(block));
    if (entries != null) {
      for (Map.Entry<StreamMessageId, Map<String, String>> entry : entries.entrySet()) {
        last = entry.getKey();
        record(entry.getKey().toString(), entry.getValue());
      }
    }
    deleted.expire();
    if (!caughtUp && (entries == null || entries.size() < BATCH)) {
      caughtUp = true;
      LOG.info(
          "event=deleted_users_tail_caught_up stream={} last={} kept={}",
          shard,
          last,
          deleted.size());
    }
  }

  private void record(String id, Map<String, String> fields) {
    // The type field spares parsing the JSON of every registration and profile update.
    if (!USER_DELETED.equals(fields.get(EventStreams.TYPE_FIELD))) {
      return;
    }
    try {
      DomainEvent event = EventJson.decode(id, fields);
      if (event.event().getPayloadCase() == Event.PayloadCase.USER_DELETED) {
        deleted.add(event.event().getUserDeleted().getUserId(), event.atMs());
        LOG.info(
            "event=deleted_user_seen id={} user={}",
            id,
            event.event().getUserDeleted().getUserId());
      }
    } catch (IllegalArgumentException e) {
      // A malformed entry is skipped, not retried forever: it cannot become readable.
      LOG.warn("event=deleted_users_entry_unreadable id={} error=\"{}\"", id, Outage.oneLine(e));
    }
  }
}
