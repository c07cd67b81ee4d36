package vent.web.health;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import vent.common.config.RedisSettings;
import vent.common.redis.RedissonFactory;

/**
 * {@code redis}: healthy when Redis answers PING within 2 s. vent-web keeps no state in Redis, so
 * the client is created on the first check (vent-web starts even while Redis is down) and shut
 * down with the application.
 */
public final class RedisHealthCheck extends HealthCheck implements Managed {

  private final RedisSettings settings;
  private RedissonClient redis;

  public RedisHealthCheck(RedisSettings settings) {
    this.settings = settings;
  }

  @Override
  protected Result check() {
    RedissonClient client = client();
    return client.getRedisNodes(RedisNodes.SINGLE).pingAll(2, TimeUnit.SECONDS)
        ? Result.healthy("PONG from " + settings.address)
        : Result.unhealthy("no PONG from " + settings.address);
  }

  private synchronized RedissonClient client() {
    if (redis == null) {
      redis = RedissonFactory.create(settings);
    }
    return redis;
  }

  @Override
  public synchronized void stop() {
    if (redis != null) {
      redis.shutdown();
      redis = null;
    }
  }
}
