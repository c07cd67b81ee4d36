package vent.provider.captcha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.testing.RedisExtension;

class RedisCaptchaRepositoryTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private static RedisCaptchaRepository repo;

  @BeforeAll
  static void setUp() {
    repo = new RedisCaptchaRepository(REDIS.client());
  }

  @Test
  void storesTheAnswerUnderItsKeyWithATtl() {
    repo.save("00ff", "abcde", Duration.ofSeconds(120));
    assertThat(REDIS.client().getBucket("vent:captcha:00ff").get()).isEqualTo("abcde");
    assertThat(REDIS.client().getBucket("vent:captcha:00ff").remainTimeToLive())
        .isBetween(110_000L, 120_000L);
  }

  @Test
  void takeIsOneShot() {
    repo.save("aa", "xyz", Duration.ofSeconds(60));
    assertThat(repo.take("aa")).contains("xyz");
    assertThat(repo.take("aa")).isEmpty();
    assertThat(REDIS.client().getKeys().count()).isZero();
  }

  @Test
  void answersExpire() throws InterruptedException {
    repo.save("bb", "xyz", Duration.ofSeconds(1));
    Thread.sleep(1300);
    assertThat(repo.take("bb")).isEmpty();
  }
}
