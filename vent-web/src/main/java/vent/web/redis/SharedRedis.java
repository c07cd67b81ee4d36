package vent.web.redis;

import io.dropwizard.lifecycle.Managed;
import java.util.function.Supplier;
import org.redisson.api.RedissonClient;
import vent.common.config.RedisSettings;
import vent.common.redis.RedissonFactory;

/**
 * vent-web's one Redisson client (used by the Redis health check and the deleted-users tail).
 * Created on first use rather than at start-up, so that vent-web starts, and serves everything that
 * does not need Redis, while Redis is down: {@link #get()} throws until Redis answers, and callers
 * try again later. Shut down with the application (a Dropwizard {@link Managed}).
 */
public final class SharedRedis implements Supplier<RedissonClient>, Managed {

  private final RedisSettings settings;
  private RedissonClient client;
  private boolean stopped;

  /**
   * @param settings {@code redis} of the configuration
   */
  public SharedRedis(RedisSettings settings) {
    this.settings = settings;
  }

  /**
   * @return the started client, connecting now if this is the first successful call
   * @throws IllegalStateException when Redis cannot be reached (within about {@code timeoutMs}), or
   *     after {@link #stop()}
   */
  @Override
  public synchronized RedissonClient get() {
    if (stopped) {
      throw new IllegalStateException("vent-web is stopping; the Redis client is closed");
    }
    if (client == null) {
      client = RedissonFactory.create(settings);
    }
    return client;
  }

  /** Closes the client, if one was ever connected; later {@link #get()} calls fail. */
  @Override
  public synchronized void stop() {
    stopped = true;
    if (client != null) {
      client.shutdown();
      client = null;
    }
  }
}
