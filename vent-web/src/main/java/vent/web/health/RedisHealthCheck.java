package vent.web.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

/**
 * {@code redis}: healthy when Redis answers PING within 2 s. Unhealthy (with the reason) while no
 * client can connect: vent-web needs Redis only for the deleted-users list, and starts without it.
 */
public final class RedisHealthCheck extends HealthCheck {

  private final Supplier<RedissonClient> redis;
  private final String address;

  /**
   * @param redis vent-web's shared client; throws while Redis cannot be reached
   * @param address for the message, e.g. {@code redis://127.0.0.1:6379}
   */
  public RedisHealthCheck(Supplier<RedissonClient> redis, String address) {
    this.redis = redis;
    this.address = address;
  }

  @Override
  protected Result check() {
    return redis.get().getRedisNodes(RedisNodes.SINGLE).pingAll(2, TimeUnit.SECONDS)
        ? Result.healthy("PONG from " + address)
        : Result.unhealthy("no PONG from " + address);
  }
}
