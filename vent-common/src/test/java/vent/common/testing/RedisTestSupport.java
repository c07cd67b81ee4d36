package vent.common.testing;

import org.redisson.api.RedissonClient;
import vent.common.config.RedisSettings;
import vent.common.redis.RedissonFactory;

/**
 * A Redisson client to the shared test Redis: a single server ({@link RedisServer#shared()}) by
 * default, or a three-primary Redis Cluster ({@link RedisCluster#shared()}) when the system
 * property {@code vent.test.redis} is {@code cluster}, so that every store test can prove its keys
 * and scripts work on a cluster (no {@code CROSSSLOT}).
 */
public final class RedisTestSupport {

  private RedisTestSupport() {}

  /**
   * @return whether tests run against the Redis Cluster
   */
  public static boolean cluster() {
    return "cluster".equals(System.getProperty("vent.test.redis"));
  }

  /** A new client; flush or use distinct keys per test, and shut it down after. */
  public static RedissonClient newClient() {
    return clientFor(deployment());
  }

  /**
   * @return the shared test deployment as one string a child process can be given: {@code
   *     cluster:<address>,<address>,...} or the single server's address
   */
  public static String deployment() {
    return cluster()
        ? "cluster:" + String.join(",", RedisCluster.shared().addresses())
        : RedisServer.shared().address();
  }

  /**
   * @param deployment as {@link #deployment()} returns it
   * @return a new client to it
   */
  public static RedissonClient clientFor(String deployment) {
    RedisSettings settings;
    if (deployment.startsWith("cluster:")) {
      settings = new RedisSettings();
      settings.mode = RedisSettings.Mode.CLUSTER;
      settings.addresses = deployment.substring("cluster:".length());
    } else {
      settings = RedisSettings.single(deployment);
    }
    settings.connectionPoolSize = 4;
    return RedissonFactory.create(settings);
  }
}
