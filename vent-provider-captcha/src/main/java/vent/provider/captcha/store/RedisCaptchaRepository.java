package vent.provider.captcha.store;

import java.time.Duration;
import java.util.Optional;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.provider.captcha.domain.CaptchaRepository;

/**
 * {@link CaptchaRepository} on Redis: one string per captcha, {@code vent:captcha:<id>} = answer,
 * expiring with the captcha's TTL (SET ... PX). {@link #take} is atomic (GETDEL), so two concurrent
 * verifications cannot both see the answer.
 */
public final class RedisCaptchaRepository implements CaptchaRepository {

  static final String PREFIX = "vent:captcha:";

  private final RedissonClient redis;

  /**
   * @param redis a client; this repository does not close it
   */
  public RedisCaptchaRepository(RedissonClient redis) {
    this.redis = redis;
  }

  @Override
  public void save(String id, String answer, Duration ttl) {
    redis.<String>getBucket(PREFIX + id, StringCodec.INSTANCE).set(answer, ttl);
  }

  @Override
  public Optional<String> take(String id) {
    return Optional.ofNullable(
        redis.<String>getBucket(PREFIX + id, StringCodec.INSTANCE).getAndDelete());
  }
}
