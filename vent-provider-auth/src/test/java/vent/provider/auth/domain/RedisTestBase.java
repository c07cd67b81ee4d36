package vent.provider.auth.domain;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.redisson.api.RedissonClient;
import vent.common.testing.RedisTestSupport;

/** One client to the shared test Redis per class; Redis is flushed before each test. */
abstract class RedisTestBase {

  static RedissonClient redis;
  AuthFixture fx;

  @BeforeAll
  static void connect() {
    redis = RedisTestSupport.newClient();
  }

  @AfterAll
  static void disconnect() {
    redis.shutdown();
  }

  @BeforeEach
  void flush() {
    redis.getKeys().flushall();
    fx = new AuthFixture(redis);
  }
}
