package vent.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RStream;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;
import vent.common.events.EventStreams;
import vent.common.testing.MutableClock;
import vent.common.testing.RedisExtension;

/** The stream gauges against a real Redis, and their cache. */
class StreamMetricsTest {

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

  private static final String SHARD = EventStreams.shard(EventStreams.USER, 0);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(1_000_000);

  @Test
  void lengthLagPendingAndDeadLettersAreReadAndCachedForFiveSeconds() {
    RStream<String, String> stream = REDIS.client().getStream(SHARD, StringCodec.INSTANCE);
    stream.createGroup(StreamCreateGroupArgs.name("relation").id(StreamMessageId.ALL).makeStream());
    for (int i = 0; i < 5; i++) {
      stream.add(StreamAddArgs.entries(Map.of("type", "UserUpdated")));
    }
    stream.readGroup("relation", "c1", StreamReadGroupArgs.neverDelivered().count(2));
    REDIS
        .client()
        .getStream(EventStreams.deadLetter(SHARD), StringCodec.INSTANCE)
        .add(StreamAddArgs.entries(Map.of("type", "UserUpdated")));

    try (StreamMetrics metrics = new StreamMetrics(REDIS.client(), registry, clock)) {
      metrics.watch(SHARD, "relation");
      assertThat(gauge(StreamMetrics.LENGTH)).isEqualTo(5);
      assertThat(gauge(StreamMetrics.DEAD_LETTERS)).isEqualTo(1);
      assertThat(gauge(StreamMetrics.PENDING)).isEqualTo(2);
      assertThat(gauge(StreamMetrics.LAG)).isEqualTo(3);

      stream.add(StreamAddArgs.entries(Map.of("type", "UserUpdated")));
      clock.advance(4_000);
      assertThat(gauge(StreamMetrics.LENGTH)).as("cached").isEqualTo(5);
      clock.advance(1_000);
      assertThat(gauge(StreamMetrics.LENGTH)).isEqualTo(6);
    }
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void aStreamNotYetCreatedReadsZeroLength() {
    try (StreamMetrics metrics = new StreamMetrics(REDIS.client(), registry, clock)) {
      metrics.watch(SHARD, "relation");
      assertThat(gauge(StreamMetrics.LENGTH)).isZero();
      assertThat(gauge(StreamMetrics.PENDING)).isNaN();
    }
  }

  private double gauge(String name) {
    return registry.get(name).tag("stream", SHARD).gauge().value();
  }
}
