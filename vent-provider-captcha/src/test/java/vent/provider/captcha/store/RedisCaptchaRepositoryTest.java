package vent.provider.captcha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import vent.common.testing.RedisTestSupport;

class RedisCaptchaRepositoryTest {

  private static RedissonClient redis;
  private static RedisCaptchaRepository repo;

  @BeforeAll
  static void connect() {
    redis = RedisTestSupport.newClient();
    repo = new RedisCaptchaRepository(redis);
  }

  @AfterAll
  static void disconnect() {
    redis.shutdown();
  }

  @BeforeEach
  void flush() {
    redis.getKeys().flushdb();
  }

  @Test
  void storesTheAnswerUnderItsKeyWithATtl() {
    repo.save("00ff", "abcde", Duration.ofSeconds(120));
    assertThat(redis.getBucket("vent:captcha:00ff").get()).isEqualTo("abcde");
    assertThat(redis.getBucket("vent:captcha:00ff").remainTimeToLive()).isBetween(110_000L, 120_000L);
  }

  @Test
  void takeIsOneShot() {
    repo.save("aa", "xyz", Duration.ofSeconds(60));
    assertThat(repo.take("aa")).contains("xyz");
    assertThat(repo.take("aa")).isEmpty();
    assertThat(redis.getKeys().count()).isZero();
  }

  @Test
  void answersExpire() throws InterruptedException {
    repo.save("bb", "xyz", Duration.ofSeconds(1));
    Thread.sleep(1300);
    assertThat(repo.take("bb")).isEmpty();
  }
}
