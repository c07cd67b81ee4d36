package vent.common.testing;

import org.redisson.api.RedissonClient;
import vent.common.config.RedisSettings;
import vent.common.redis.RedissonFactory;

/** A Redisson client to the shared test Redis ({@link RedisServer#shared()}). */
public final class RedisTestSupport {

  private RedisTestSupport() {}

  /** A new client; flush or use distinct keys per test, and shut it down after. */
  public static RedissonClient newClient() {
    RedisSettings settings = new RedisSettings();
    settings.address = RedisServer.shared().address();
    settings.connectionPoolSize = 4;
    return RedissonFactory.create(settings);
  }
}
