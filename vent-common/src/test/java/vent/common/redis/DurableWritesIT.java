package vent.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import vent.common.config.RedisSettings;
import vent.common.testing.RedisServer;

/**
 * WAIT-based durable writes against real redis-servers: a primary with a replica confirms, a
 * primary without one refuses to acknowledge.
 */
class DurableWritesIT {

  private static final String INCR = "return redis.call('INCR', KEYS[1])";

  @Test
  void aWriteIsAcknowledgedOnceAReplicaHasIt() throws Exception {
    try (RedisServer primary = RedisServer.start(List.of());
        RedisServer replica =
            RedisServer.start(
                List.of("--replicaof", "127.0.0.1", String.valueOf(primary.port())))) {
      RedissonClient redis = RedissonFactory.create(RedisSettings.single(primary.address()));
      try {
        awaitReplication(redis);
        DurableWrites durable = new DurableWrites(redis, 1, Duration.ofSeconds(2));
        Long value = durable.eval(INCR, RScript.ReturnType.LONG, List.of("durable:n"));
        assertThat(value).isEqualTo(1L);
      } finally {
        redis.shutdown();
      }
    }
  }

  @Test
  void withoutAReplicaTheWriteIsNotAcknowledgedAsDurable() {
    RedissonClient redis =
        RedissonFactory.create(RedisSettings.single(RedisServer.shared().address()));
    try {
      DurableWrites durable = new DurableWrites(redis, 1, Duration.ofMillis(200));
      assertThatThrownBy(() -> durable.eval(INCR, RScript.ReturnType.LONG, List.of("durable:m")))
          .isInstanceOf(RedisException.class)
          .hasMessageContaining("0 of 1 replicas");
      DurableWrites plain = new DurableWrites(redis, 0, Duration.ofMillis(200));
      assertThat((Long) plain.eval(INCR, RScript.ReturnType.LONG, List.of("durable:m")))
          .as("the refused write still reached the primary")
          .isEqualTo(2L);
    } finally {
      redis.shutdown();
    }
  }

  private static void awaitReplication(RedissonClient redis) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      String info =
          redis
              .getScript(org.redisson.client.codec.StringCodec.INSTANCE)
              .eval(
                  RScript.Mode.READ_ONLY,
                  "return redis.call('INFO', 'replication')",
                  RScript.ReturnType.VALUE);
      if (info.contains("connected_slaves:1") && info.contains("state=online")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the replica did not come online within 10 s");
  }
}
