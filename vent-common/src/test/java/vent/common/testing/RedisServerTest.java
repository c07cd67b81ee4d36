package vent.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

class RedisServerTest {

  @Test
  void aRealRedisAnswers() {
    RedissonClient redis = RedisTestSupport.newClient();
    try {
      redis.getBucket("vent:test:ping").set("pong");
      assertThat(redis.<String>getBucket("vent:test:ping").get()).isEqualTo("pong");
    } finally {
      redis.shutdown();
    }
  }
}
