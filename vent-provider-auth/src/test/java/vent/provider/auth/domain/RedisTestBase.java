package vent.provider.auth.domain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;
import vent.common.testing.RedisExtension;

/** One client to the shared test Redis per class; Redis is flushed before each test. */
abstract class RedisTestBase {

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

  RedissonClient redis;
  AuthFixture fx;

  @BeforeEach
  void setUp() {
    redis = REDIS.client();
    fx = new AuthFixture(redis);
  }
}
