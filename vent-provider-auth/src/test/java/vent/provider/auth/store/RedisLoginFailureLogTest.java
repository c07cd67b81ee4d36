package vent.provider.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.testing.RedisExtension;

class RedisLoginFailureLogTest {

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

  private static final long WINDOW = 900_000;

  private RedisLoginFailureLog log;

  @BeforeEach
  void setUp() {
    log = new RedisLoginFailureLog(REDIS.client());
  }

  @Test
  void countsOnlyFailuresInsideTheWindowAndExpiresTheKey() {
    log.record("user:alice", 1_000, WINDOW);
    log.record("user:alice", 2_000, WINDOW);
    log.record("user:alice", 500_000, WINDOW);

    assertThat(log.countSince("user:alice", 0)).isEqualTo(3);
    assertThat(log.countSince("user:alice", 1_500)).isEqualTo(2);
    assertThat(log.countSince("user:bob", 0)).isZero();
    long ttl = REDIS.client().getKeys().remainTimeToLive("vent:auth:login-failures:user:alice");
    assertThat(ttl).isBetween(WINDOW - 10_000, WINDOW);

    log.record("user:alice", 1_000_500, WINDOW);
    assertThat(log.countSince("user:alice", 0))
        .as("older than the window are dropped on record")
        .isEqualTo(2);
  }

  @Test
  void keepsABoundedNumberPerSubjectAndClears() {
    for (int i = 0; i < RedisLoginFailureLog.MAX_KEPT + 20; i++) {
      log.record("ip:10.0.0.1", 10_000 + i, WINDOW);
    }
    assertThat(log.countSince("ip:10.0.0.1", 0)).isEqualTo(RedisLoginFailureLog.MAX_KEPT);

    log.clear("ip:10.0.0.1");
    assertThat(log.countSince("ip:10.0.0.1", 0)).isZero();
  }
}
