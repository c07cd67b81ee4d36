package vent.common.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamGroup;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.events.EventStreams;

/**
 * Gauges of the event streams (Redis Streams) a process consumes, read when scraped:
 *
 * <ul>
 *   <li>{@code vent.stream.length} (Prometheus {@code vent_stream_length}), tag {@code stream} (a
 *       shard key, e.g. {@code vent:events:user:{user-0}}): entries, XLEN;
 *   <li>{@code vent.stream.dead.letters} ({@code vent_stream_dead_letters}), tag {@code stream}:
 *       entries in the shard's dead-letter stream, XLEN;
 *   <li>{@code vent.stream.group.lag} ({@code vent_stream_group_lag}), tags {@code stream}, {@code
 *       group}: entries not yet delivered to the group (XINFO GROUPS {@code lag}, Redis 7);
 *   <li>{@code vent.stream.pending} ({@code vent_stream_pending}), tags {@code stream}, {@code
 *       group}: delivered and not acknowledged (XINFO GROUPS {@code pending}).
 * </ul>
 *
 * Only cheap O(1) commands (XLEN, XINFO GROUPS), and at most one round of them per {@link #MAX_AGE}
 * whatever the scrape rate: scrapes cannot pile work onto Redis. While Redis cannot answer, the
 * gauges read NaN (Prometheus: no value) and one {@code event=stream_metrics_failed} line is logged
 * per round.
 */
public final class StreamMetrics implements AutoCloseable {

  /** How long one round of Redis reads serves scrapes. */
  public static final Duration MAX_AGE = Duration.ofSeconds(5);

  public static final String LENGTH = "vent.stream.length";
  public static final String DEAD_LETTERS = "vent.stream.dead.letters";
  public static final String LAG = "vent.stream.group.lag";
  public static final String PENDING = "vent.stream.pending";

  private static final Logger LOG = LoggerFactory.getLogger(StreamMetrics.class);

  private final RedissonClient redis;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Set<String>> groups = new LinkedHashMap<>();
  private final List<Meter> meters = new ArrayList<>();
  private Map<String, Double> values = Map.of();
  private long readAtMillis;
  private boolean read;

  /** Into the global registry. */
  public StreamMetrics(RedissonClient redis) {
    this(redis, Metrics.globalRegistry, Clock.systemUTC());
  }

  StreamMetrics(RedissonClient redis, MeterRegistry registry, Clock clock) {
    this.redis = redis;
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Adds the gauges of consumer group {@code group} on stream shard {@code shard} (and, once per
   * shard, its length and dead letters).
   */
  public synchronized StreamMetrics watch(String shard, String group) {
    Set<String> known = groups.get(shard);
    if (known == null) {
      known = new LinkedHashSet<>();
      groups.put(shard, known);
      gauge(LENGTH, "Entries in the event stream", shard, null, lengthKey(shard));
      gauge(
          DEAD_LETTERS,
          "Entries in the event stream's dead-letter stream",
          shard,
          null,
          deadKey(shard));
    }
    if (known.add(group)) {
      gauge(LAG, "Entries not yet delivered to the group", shard, group, lagKey(shard, group));
      gauge(
          PENDING,
          "Entries delivered to the group and not acknowledged",
          shard,
          group,
          pendingKey(shard, group));
    }
    return this;
  }

  private void gauge(String name, String description, String shard, String group, String key) {
    ToDoubleFunction<StreamMetrics> f = m -> m.value(key);
    Gauge.Builder<StreamMetrics> b =
        Gauge.builder(name, this, f)
            .description(description)
            .tag("stream", shard)
            .strongReference(true);
    if (group != null) {
      b.tag("group", group);
    }
    meters.add(b.register(registry));
  }

  /** The cached value of {@code key}, read again from Redis when older than {@link #MAX_AGE}. */
  synchronized double value(String key) {
    long now = clock.millis();
    if (!read || now - readAtMillis >= MAX_AGE.toMillis()) {
      values = readAll();
      readAtMillis = now;
      read = true;
    }
    return values.getOrDefault(key, Double.NaN);
  }

  private Map<String, Double> readAll() {
    Map<String, Double> out = new HashMap<>();
    try {
      for (Map.Entry<String, Set<String>> e : groups.entrySet()) {
        String shard = e.getKey();
        RStream<String, String> stream = redis.getStream(shard, StringCodec.INSTANCE);
        long length = stream.size();
        out.put(lengthKey(shard), (double) length);
        out.put(
            deadKey(shard),
            (double) redis.getStream(EventStreams.deadLetter(shard), StringCodec.INSTANCE).size());
        if (length == 0 && !stream.isExists()) {
          continue; // XINFO GROUPS fails on a missing key; no stream, no group yet
        }
        for (StreamGroup g : stream.listGroups()) {
          if (e.getValue().contains(g.getName())) {
            out.put(lagKey(shard, g.getName()), (double) g.getLag());
            out.put(pendingKey(shard, g.getName()), (double) g.getPending());
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("event=stream_metrics_failed error=\"{}\"", e.toString().replace('"', '\''));
      return Map.of();
    }
    return out;
  }

  private static String lengthKey(String shard) {
    return "length\n" + shard;
  }

  private static String deadKey(String shard) {
    return "dead\n" + shard;
  }

  private static String lagKey(String shard, String group) {
    return "lag\n" + shard + "\n" + group;
  }

  private static String pendingKey(String shard, String group) {
    return "pending\n" + shard + "\n" + group;
  }

  /** Removes the gauges (Redis is about to close). */
  @Override
  public synchronized void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }
}
