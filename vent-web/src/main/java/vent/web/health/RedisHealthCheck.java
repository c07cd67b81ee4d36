package vent.web.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import vent.common.config.RedisSettings;

/**
 * {@code redis}: healthy when Redis answers PING within 2 s: the one server, every primary of a
 * cluster (a replica down leaves every key served), or the primary Sentinel names. Unhealthy (with
 * the reason) while no client can connect: vent-web needs Redis only for the deleted-users list,
 * and starts without it.
 */
public final class RedisHealthCheck extends HealthCheck {

  private final Supplier<RedissonClient> redis;
  private final RedisSettings.Mode mode;
  private final String address;

  /**
   * @param redis vent-web's shared client; throws while Redis cannot be reached
   * @param mode how the deployment runs ({@code redis.mode})
   * @param address for the message: {@code redis.addresses}, comma-separated {@code
   *     redis://host:port}
   */
  public RedisHealthCheck(Supplier<RedissonClient> redis, RedisSettings.Mode mode, String address) {
    this.redis = redis;
    this.mode = mode;
    this.address = address;
  }

  @Override
  protected Result check() {
    RedissonClient client = redis.get();
    boolean pong =
        switch (mode) {
          case SINGLE -> client.getRedisNodes(RedisNodes.SINGLE).pingAll(2, TimeUnit.SECONDS);
          case CLUSTER -> {
            var masters = client.getRedisNodes(RedisNodes.CLUSTER).getMasters();
            yield !masters.isEmpty() && masters.stream().allMatch(m -> m.ping(2, TimeUnit.SECONDS));
          }
          case SENTINEL ->
              client
                  .getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE)
                  .getMaster()
                  .ping(2, TimeUnit.SECONDS);
        };
    String what = mode.name().toLowerCase(java.util.Locale.ROOT) + " " + address;
    return pong ? Result.healthy("PONG from " + what) : Result.unhealthy("no PONG from " + what);
  }
}
