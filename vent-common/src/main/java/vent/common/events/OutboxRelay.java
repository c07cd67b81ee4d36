package vent.common.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.redisson.RedissonShutdownException;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RBucket;
import org.redisson.api.RFuture;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.logging.Outage;

/**
 * Moves events from a service's outboxes ({@link Outbox}) to their stream shards.
 *
 * <p>{@link #relayAfterWrite} is called by the request that wrote the outbox entry, right after its
 * script: the event reaches its stream within that request. If the process dies between the two, or
 * Redis fails the relay, the entry stays in the outbox and the sweep ({@link #startSweeper}) relays
 * it: one instance of the service at a time (a lease in Redis) reads the outboxes of all 16384
 * slots every {@code every} and relays entries older than {@code minAge}.
 *
 * <p>An entry is added to its shard first and deleted from the outbox after, so a crash in between
 * relays it twice: consumers get every event at least once, and their handlers are idempotent.
 * Entries of one outbox are relayed in outbox order; two relays of one outbox at the same moment
 * (the request's and the sweep's) can interleave, so handlers must not depend on order alone
 * (Vent's carry versions: times, follow scores).
 */
public final class OutboxRelay implements AutoCloseable {

  /** Outbox entry field naming the shard key the entry goes to. */
  public static final String STREAM_FIELD = "stream";

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int ENTRIES_PER_READ = 100;
  private static final int KEYS_PER_BATCH = 1024;

  private final RedissonClient redis;
  private final String service;
  private final List<String> outboxes;
  private final String instance = UUID.randomUUID().toString();
  private volatile boolean running = true;
  private Thread sweeper;

  /**
   * @param redis a started client
   * @param service the producing service, as in {@link Outbox#key}
   */
  public OutboxRelay(RedissonClient redis, String service) {
    this.redis = redis;
    this.service = service;
    this.outboxes = Outbox.all(service);
  }

  /**
   * Relays what {@code outbox} holds now. A failure is logged and left to the sweep: the write that
   * filled the outbox has committed, and its caller must not be told otherwise.
   *
   * @param outbox an outbox key of this service ({@link Outbox#key})
   */
  public void relayAfterWrite(String outbox) {
    try {
      relay(outbox);
    } catch (RedisException e) {
      LOG.warn(
          "event=outbox_relay_failed service={} outbox={} action=left_for_sweep error=\"{}\"",
          service,
          outbox,
          Outage.oneLine(e));
    }
  }

  /**
   * {@link #relayAfterWrite(String)} for several outboxes (a bulk write's), in three pipelined
   * round trips for all of them (read, add to the shards, delete) rather than three per outbox; an
   * outbox holding more than one read's worth is then relayed on its own.
   *
   * @param outboxes outbox keys of this service, each at most once
   */
  public void relayAfterWrite(Collection<String> outboxes) {
    try {
      relayAll(List.copyOf(outboxes));
    } catch (RedisException e) {
      LOG.warn(
          "event=outbox_relay_failed service={} outboxes={} action=left_for_sweep error=\"{}\"",
          service,
          outboxes.size(),
          Outage.oneLine(e));
    }
  }

  private void relayAll(List<String> keys) {
    List<Map<StreamMessageId, Map<String, String>>> ranges =
        ranges(keys, ENTRIES_PER_READ, StreamMessageId.MAX);
    RBatch adds = redis.createBatch(BatchOptions.defaults());
    RBatch deletes = redis.createBatch(BatchOptions.defaults());
    List<String> more = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Map<StreamMessageId, Map<String, String>> entries = ranges.get(i);
      if (entries.isEmpty()) {
        continue;
      }
      entries.values().forEach(fields -> add(adds, fields));
      deletes
          .<String, String>getStream(keys.get(i), StringCodec.INSTANCE)
          .removeAsync(entries.keySet().toArray(StreamMessageId[]::new));
      if (entries.size() == ENTRIES_PER_READ) {
        more.add(keys.get(i));
      }
    }
    adds.execute();
    deletes.execute();
    more.forEach(this::relay);
  }

  /**
   * The first {@code count} entries of each outbox up to {@code upTo}, in one pipelined round trip
   * (Redisson groups the reads by node).
   */
  private List<Map<StreamMessageId, Map<String, String>>> ranges(
      List<String> keys, int count, StreamMessageId upTo) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    List<RFuture<Map<StreamMessageId, Map<String, String>>>> reads = new ArrayList<>();
    for (String key : keys) {
      reads.add(
          batch
              .<String, String>getStream(key, StringCodec.INSTANCE)
              .rangeAsync(count, StreamMessageId.MIN, upTo));
    }
    batch.execute();
    return reads.stream().map(r -> r.toCompletableFuture().join()).toList();
  }

  /** Queues the shard entry of one outbox entry's fields. */
  private static void add(RBatch batch, Map<String, String> fields) {
    Map<String, String> event = new LinkedHashMap<>();
    event.put(EventStreams.TYPE_FIELD, fields.get(EventStreams.TYPE_FIELD));
    event.put(EventStreams.EVENT_FIELD, fields.get(EventStreams.EVENT_FIELD));
    batch
        .<String, String>getStream(fields.get(STREAM_FIELD), StringCodec.INSTANCE)
        .addAsync(StreamAddArgs.entries(event));
  }

  /**
   * Relays every entry of {@code outbox}, oldest first, in reads of 100.
   *
   * @return how many entries were relayed
   * @throws RedisException when Redis fails; entries not yet deleted stay in the outbox
   */
  public int relay(String outbox) {
    RStream<String, String> box = redis.getStream(outbox, StringCodec.INSTANCE);
    int relayed = 0;
    while (true) {
      Map<StreamMessageId, Map<String, String>> entries =
          box.range(ENTRIES_PER_READ, StreamMessageId.MIN, StreamMessageId.MAX);
      if (entries == null || entries.isEmpty()) {
        return relayed;
      }
      // One batch: Redisson sends each node's commands in order, so one shard keeps outbox order.
      RBatch batch = redis.createBatch(BatchOptions.defaults());
      entries.values().forEach(fields -> add(batch, fields));
      batch.execute();
      box.remove(entries.keySet().toArray(StreamMessageId[]::new));
      relayed += entries.size();
      if (entries.size() < ENTRIES_PER_READ) {
        return relayed;
      }
    }
  }

  /**
   * One sweep: relays every outbox of this service that holds an entry older than {@code minAge}.
   *
   * @return how many entries were relayed
   * @throws RedisException when Redis fails
   */
  public int sweep(long nowMs, Duration minAge) {
    StreamMessageId olderThan = new StreamMessageId(Math.max(0, nowMs - minAge.toMillis()), 0);
    int relayed = 0;
    for (int from = 0; from < outboxes.size() && running; from += KEYS_PER_BATCH) {
      List<String> keys = outboxes.subList(from, Math.min(outboxes.size(), from + KEYS_PER_BATCH));
      List<Map<StreamMessageId, Map<String, String>>> oldest = ranges(keys, 1, olderThan);
      for (int i = 0; i < keys.size(); i++) {
        if (!oldest.get(i).isEmpty()) {
          relayed += relay(keys.get(i));
        }
      }
    }
    return relayed;
  }

  /**
   * Starts the sweep on a daemon thread: every {@code every}, if this instance holds (or takes) the
   * service's sweep lease ({@code vent:outbox:<service>:sweeper}, valid three periods), it sweeps.
   * Stopped by {@link #close()}.
   *
   * @return this
   */
  public OutboxRelay startSweeper(Duration every, Duration minAge) {
    RBucket<String> lease =
        redis.getBucket("vent:outbox:" + service + ":sweeper", StringCodec.INSTANCE);
    Outage outage = new Outage(LOG, "outbox_sweep", () -> "service=" + service, 1000);
    sweeper =
        new Thread(
            () -> {
              while (running) {
                try {
                  Thread.sleep(every.toMillis());
                  Duration term = every.multipliedBy(3);
                  if (lease.setIfAbsent(instance, term) || instance.equals(lease.get())) {
                    lease.expire(term);
                    long t0 = System.nanoTime();
                    int relayed = sweep(System.currentTimeMillis(), minAge);
                    if (relayed > 0) {
                      LOG.warn(
                          "event=outbox_swept service={} relayed={} ms={}",
                          service,
                          relayed,
                          (System.nanoTime() - t0) / 1_000_000);
                    }
                  }
                  outage.succeeded();
                } catch (InterruptedException e) {
                  return;
                } catch (RedissonShutdownException e) {
                  return;
                } catch (RuntimeException e) {
                  if (!outage.failed(e)) {
                    return;
                  }
                }
              }
            },
            "outbox-sweeper-" + service);
    sweeper.setDaemon(true);
    sweeper.start();
    return this;
  }

  /** Stops the sweep (a sweep in progress ends after its current batch). */
  @Override
  public void close() {
    running = false;
    if (sweeper != null) {
      sweeper.interrupt();
      try {
        sweeper.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
