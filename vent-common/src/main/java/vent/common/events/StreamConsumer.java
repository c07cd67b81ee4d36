package vent.common.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.redisson.RedissonShutdownException;
import org.redisson.api.RScript;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.PendingEntry;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamPendingRangeArgs;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.logging.Outage;
import vent.common.redis.LuaScripts;

/**
 * One member of a consumer group on one event stream, on its own thread: at-least-once delivery
 * with Redis' pending entries list.
 *
 * <ul>
 *   <li>New entries are read with {@code XREADGROUP ... >}, handed to the handler as one batch
 *       ({@link EventHandler#handleBatch}) and acknowledged ({@code XACK}, one per batch) only
 *       after it returned. If the batch fails, its events are handled one by one, so that one bad
 *       event holds up only itself.
 *   <li>Every {@code claimIdle}, entries pending longer than that with any member (a dead instance,
 *       or a handler that failed) are claimed ({@code XPENDING IDLE} + {@code XCLAIM}) and handled
 *       again.
 *   <li>An entry that has been delivered {@code maxDeliveries} times, or that does not decode, is
 *       moved to {@link EventStreams#deadLetter} and acknowledged in one script.
 * </ul>
 *
 * <p>The group is created at the start of the stream (id 0) when missing, so a new group sees every
 * retained event, and again after Redis lost it ({@code NOGROUP}). Redis errors are logged once per
 * outage and retried every second.
 *
 * <p>Every {@link Retention#trimEvery()} the member trims the stream ({@code XTRIM MINID ~}) below
 * the lowest entry some group still needs (its first pending entry, or the one after its last
 * delivered entry), only once the stream is longer than {@link Retention#maxLength()} and never
 * within {@link Retention#keep()} of now. Every {@link Retention#reportEvery()} it logs one {@code
 * event=stream_lag} line per group of the stream (pending, lag, dead letters), so a group whose
 * members all stopped is still reported by the members of other groups. Every member of every group
 * does this: the trim is idempotent, and it needs no process of its own.
 */
public final class StreamConsumer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamConsumer.class);
  private static final String DEAD_LETTER = LuaScripts.load("events/dead_letter.lua");
  private static final String TRIM = LuaScripts.load("events/trim.lua");
  private static final long RETRY_MS = 1000;

  private final RStream<String, String> stream;
  private final RScript script;
  private final String streamName;
  private final ConsumerSettings settings;
  private final EventHandler handler;
  private final Thread thread;
  private volatile boolean running = true;
  private final Outage outage;
  private long trimmedSinceReport;

  private StreamConsumer(
      RedissonClient redis, String streamName, ConsumerSettings settings, EventHandler handler) {
    this.stream = redis.getStream(streamName, StringCodec.INSTANCE);
    this.script = redis.getScript(StringCodec.INSTANCE);
    this.streamName = streamName;
    this.settings = settings;
    this.handler = handler;
    this.thread = new Thread(this::run, "events-" + settings.group() + "-" + streamName);
    this.thread.setDaemon(true);
    this.outage =
        new Outage(
            LOG, "consumer", () -> "stream=" + streamName + " group=" + settings.group(), RETRY_MS);
  }

  /**
   * Starts consuming on a new daemon thread.
   *
   * @param redis a started client
   * @param streamName one shard, e.g. {@code EventStreams.shard(EventStreams.USER, 0)}
   * @return the running consumer; {@link #close()} stops it
   */
  public static StreamConsumer start(
      RedissonClient redis, String streamName, ConsumerSettings settings, EventHandler handler) {
    StreamConsumer consumer = new StreamConsumer(redis, streamName, settings, handler);
    consumer.thread.start();
    LOG.info(
        "event=consumer_started stream={} group={} consumer={}",
        streamName,
        settings.group(),
        settings.consumer());
    return consumer;
  }

  /**
   * Stops reading after the current batch, waiting at most the block time plus 2 s. Entries read
   * but not yet handled stay pending and are claimed by another member later.
   */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(settings.block().toMillis() + 2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    boolean groupReady = false;
    long nextClaimMs = 0;
    long nextTrimMs = 0;
    long nextReportMs = System.currentTimeMillis() + settings.retention().reportEvery().toMillis();
    while (running) {
      try {
        if (!groupReady) {
          ensureGroup();
          groupReady = true;
        }
        long now = System.currentTimeMillis();
        if (now >= nextClaimMs) {
          claimStale();
          nextClaimMs = now + Math.max(100, settings.claimIdle().toMillis() / 2);
        }
        if (now >= nextTrimMs) {
          boolean report = now >= nextReportMs;
          trim(now, report);
          nextTrimMs = now + settings.retention().trimEvery().toMillis();
          if (report) {
            nextReportMs = now + settings.retention().reportEvery().toMillis();
          }
        }
        readNew();
        outage.succeeded();
      } catch (RedissonShutdownException e) {
        return;
      } catch (RedisException e) {
        if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
          groupReady = false;
        }
        if (!outage.failed(e)) {
          running = false;
        }
      } catch (RuntimeException e) {
        if (!outage.failed(e)) {
          running = false;
        }
      }
    }
  }

  private void ensureGroup() {
    try {
      stream.createGroup(
          StreamCreateGroupArgs.name(settings.group()).id(StreamMessageId.ALL).makeStream());
      LOG.info("event=consumer_group_created stream={} group={}", streamName, settings.group());
    } catch (RedisException e) {
      if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
        throw e;
      }
    }
  }

  private void readNew() {
    Map<StreamMessageId, Map<String, String>> entries =
        stream.readGroup(
            settings.group(),
            settings.consumer(),
            StreamReadGroupArgs.neverDelivered()
                .count(settings.batchSize())
                .timeout(settings.block()));
    if (entries == null || entries.isEmpty()) {
      return;
    }
    List<StreamMessageId> ids = new ArrayList<>(entries.size());
    List<DomainEvent> events = new ArrayList<>(entries.size());
    for (Map.Entry<StreamMessageId, Map<String, String>> entry : entries.entrySet()) {
      try {
        events.add(EventJson.decode(entry.getKey().toString(), entry.getValue()));
        ids.add(entry.getKey());
      } catch (IllegalArgumentException e) {
        deadLetter(entry.getKey(), 1, "undecodable: " + e.getMessage());
      }
    }
    if (events.isEmpty()) {
      return;
    }
    try {
      handler.handleBatch(events);
      ack(ids);
      return;
    } catch (Exception e) {
      // Find out which event fails: one by one, acknowledging the others.
      LOG.info(
          "event=event_batch_failed stream={} group={} size={} action=one_by_one error=\"{}\"",
          streamName,
          settings.group(),
          events.size(),
          Outage.oneLine(e));
    }
    List<StreamMessageId> done = new ArrayList<>(ids.size());
    try {
      for (int i = 0; i < ids.size() && running; i++) {
        if (handle(ids.get(i), entries.get(ids.get(i)), 1)) {
          done.add(ids.get(i));
        }
      }
    } finally {
      ack(done);
    }
  }

  /** Takes over entries idle for longer than the claim timeout, oldest first. */
  private void claimStale() {
    long idleMs = settings.claimIdle().toMillis();
    List<PendingEntry> stale =
        stream.listPending(
            StreamPendingRangeArgs.groupName(settings.group())
                .startId(StreamMessageId.MIN)
                .endId(StreamMessageId.MAX)
                .count(settings.batchSize())
                .idleTime(settings.claimIdle()));
    for (PendingEntry pending : stale) {
      if (!running) {
        return;
      }
      StreamMessageId id = pending.getId();
      if (pending.getDeliveryCount() >= settings.maxDeliveries()) {
        deadLetter(
            id,
            pending.getDeliveryCount(),
            "delivered " + pending.getDeliveryCount() + " times without success");
        continue;
      }
      // XCLAIM only succeeds if the entry is still idle that long, so two members cannot both take
      // it.
      Map<StreamMessageId, Map<String, String>> claimed =
          stream.claim(settings.group(), settings.consumer(), idleMs, TimeUnit.MILLISECONDS, id);
      Map<String, String> fields = claimed.get(id);
      if (fields != null) {
        LOG.info(
            "event=event_claimed stream={} group={} id={} from={} deliveries={}",
            streamName,
            settings.group(),
            id,
            pending.getConsumerName(),
            pending.getDeliveryCount() + 1);
        if (handle(id, fields, pending.getDeliveryCount() + 1)) {
          ack(List.of(id));
        }
      }
    }
  }

  /**
   * Runs {@code trim.lua}: trims below what every group acknowledged and, when {@code report}, logs
   * each group's lag. Integer replies arrive as {@code Long}, ids and names as strings.
   */
  private void trim(long nowMs, boolean report) {
    Retention retention = settings.retention();
    String keepFrom = Math.max(0, nowMs - retention.keep().toMillis()) + "-0";
    List<Object> out =
        script.eval(
            RScript.Mode.READ_WRITE,
            TRIM,
            RScript.ReturnType.LIST,
            List.of(streamName, EventStreams.deadLetter(streamName)),
            Long.toString(retention.maxLength()),
            keepFrom,
            report ? "1" : "0");
    trimmedSinceReport += ((Number) out.get(0)).longValue();
    if (!report) {
      return;
    }
    long length = ((Number) out.get(1)).longValue();
    for (int i = 3; i + 3 < out.size(); i += 4) {
      long pending = ((Number) out.get(i + 1)).longValue();
      long lag = ((Number) out.get(i + 2)).longValue();
      long dead = ((Number) out.get(i + 3)).longValue();
      // A group this far behind holds the whole stream: it grows until the group catches up.
      boolean holding =
          pending + Math.max(0, lag) >= retention.maxLength() && length > retention.maxLength();
      String line =
          "event=stream_lag stream={} group={} pending={} lag={} dead_letters={} length={} floor={} trimmed={}";
      Object[] args = {
        streamName,
        out.get(i),
        pending,
        lag < 0 ? "unknown" : lag,
        dead,
        length,
        out.get(2),
        trimmedSinceReport
      };
      if (holding) {
        LOG.warn(line, args);
      } else {
        LOG.info(line, args);
      }
    }
    trimmedSinceReport = 0;
  }

  /**
   * @return true when the handler succeeded and the entry is to be acknowledged
   */
  private boolean handle(StreamMessageId id, Map<String, String> fields, long delivery) {
    DomainEvent event;
    try {
      event = EventJson.decode(id.toString(), fields);
    } catch (IllegalArgumentException e) {
      deadLetter(id, delivery, "undecodable: " + e.getMessage());
      return false;
    }
    try {
      handler.handle(event);
      return true;
    } catch (Exception e) {
      // Left pending: claimed again after claimIdle, dead-lettered after maxDeliveries.
      LOG.warn(
          "event=event_failed stream={} group={} id={} type={} delivery={} error=\"{}\"",
          streamName,
          settings.group(),
          id,
          fields.get(EventStreams.TYPE_FIELD),
          delivery,
          Outage.oneLine(e));
      return false;
    }
  }

  /**
   * One XACK for a whole batch: a crash before it only means redelivery of handled entries, which
   * idempotent handlers absorb, and it halves the round trips per event.
   */
  private void ack(List<StreamMessageId> ids) {
    if (!ids.isEmpty()) {
      stream.ack(settings.group(), ids.toArray(StreamMessageId[]::new));
    }
  }

  private void deadLetter(StreamMessageId id, long deliveries, String error) {
    script.eval(
        RScript.Mode.READ_WRITE,
        DEAD_LETTER,
        RScript.ReturnType.LONG,
        List.of(streamName, EventStreams.deadLetter(streamName)),
        settings.group(),
        id.toString(),
        Long.toString(deliveries),
        error,
        Long.toString(EventStreams.DEAD_LETTER_MAX_LENGTH));
    LOG.warn(
        "event=event_dead_lettered stream={} group={} id={} deliveries={} error=\"{}\"",
        streamName,
        settings.group(),
        id,
        deliveries,
        error);
  }
}
