package vent.common.redis;

import java.time.Duration;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.BaseConfig;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.ReadMode;
import org.redisson.config.SubscriptionMode;
import vent.common.config.RedisSettings;
import vent.common.metrics.MetricsSettings;
import vent.common.metrics.RedisMetricsHook;

/** Builds the one RedissonClient a process uses. Values are stored as UTF-8 strings. */
public final class RedissonFactory {

  /**
   * Cluster and Sentinel deployments: how often the topology is read again, milliseconds. A
   * promoted replica is seen within this time even when no MOVED reply points at it.
   */
  static final int SCAN_INTERVAL_MS = 1000;

  /**
   * Cluster and Sentinel deployments: retries of a command whose primary does not answer, and the
   * delay between them. A failover of the topology's Redis Cluster (stack/cluster.yml: {@code
   * cluster-node-timeout} 3 s, then the FAIL agreement and the replica's election, about 4.5 to 5 s
   * in all) is then ridden out: 4 x 1.5 s of retries plus a topology scan, instead of failing every
   * command sent in that window. Single mode keeps failing fast: there is nobody to fail over to.
   */
  static final int FAILOVER_RETRY_ATTEMPTS = 4;

  static final Duration FAILOVER_RETRY_DELAY = Duration.ofMillis(1500);

  /**
   * Single mode: the delay before the one retry of a command. Redisson also gives a command this
   * long per attempt to be written into its connection (so twice this in all): at 200 ms, a Netty
   * event loop that a busy two-core host left unscheduled for 400 ms failed a read with "Command
   * still hasn't been written into connection" (seen in CI). At 750 ms a write has 1.5 s, inside
   * the 3 s response and RPC timeouts; a command caught in flight by a Redis crash fails after the
   * response timeout plus this delay (3.9 s at the provider in the fault suite), so the delay is
   * not longer.
   */
  static final Duration SINGLE_RETRY_DELAY = Duration.ofMillis(750);

  private RedissonFactory() {}

  /**
   * Connects at once: a wrong address, user or password fails here, not at the first command.
   *
   * @param settings the deployment ({@code mode}, {@code addresses}, {@code sentinelMaster}), and
   *     the ACL user ({@code username}, empty for the default user) and {@code password} (empty for
   *     none) Redisson authenticates every connection with ({@code AUTH [username] password}); the
   *     password is passed on, never logged
   * @return a started client; close it with {@link RedissonClient#shutdown()}
   * @throws IllegalStateException if Redis cannot be reached or refuses the credentials, within
   *     about {@code timeoutMs} plus Redisson's retries; its message names the mode, the addresses,
   *     the user and Redis's own reason (e.g. {@code WRONGPASS invalid username-password pair},
   *     {@code NOAUTH Authentication required})
   */
  public static RedissonClient create(RedisSettings settings) {
    try {
      return Redisson.create(config(settings));
    } catch (RedisException e) {
      // Redisson's own message is "Unable to connect to Redis server"; Redis's reason (WRONGPASS,
      // NOAUTH, connection refused) is the deepest cause, and is what an operator must see.
      String user =
          settings.username == null || settings.username.isEmpty()
              ? "the default user"
              : "user " + settings.username;
      throw new IllegalStateException(
          "cannot connect to Redis ("
              + settings.mode.name().toLowerCase(java.util.Locale.ROOT)
              + ") at "
              + settings.addresses
              + " as "
              + user
              + ": "
              + rootMessage(e),
          e);
    }
  }

  /**
   * The Redisson configuration of {@code settings}, without connecting.
   *
   * @throws IllegalArgumentException if the settings lack what their mode needs (no address, a
   *     second address in single mode, no master name in sentinel mode)
   */
  public static Config config(RedisSettings settings) {
    if (settings.mode == null || settings.addressList().isEmpty()) {
      throw new IllegalArgumentException("redis.mode and redis.addresses must be set");
    }
    Config config = new Config();
    config.setCodec(StringCodec.INSTANCE);
    config.setNettyThreads(8);
    if (MetricsSettings.enabledInEnvironment()) {
      // Connections and command timings (vent.common.metrics); nothing at all with metrics off.
      config.setNettyHook(RedisMetricsHook.shared());
    }
    switch (settings.mode) {
      case SINGLE -> single(config, settings);
      case CLUSTER -> {
        var cluster =
            config
                .useClusterServers()
                .addNodeAddress(settings.addressList().toArray(String[]::new))
                .setScanInterval(SCAN_INTERVAL_MS);
        replicated(cluster, settings);
      }
      case SENTINEL -> {
        if (settings.sentinelMaster == null || settings.sentinelMaster.isBlank()) {
          throw new IllegalArgumentException("redis.sentinelMaster is required in sentinel mode");
        }
        var sentinel =
            config
                .useSentinelServers()
                .addSentinelAddress(settings.addressList().toArray(String[]::new))
                .setMasterName(settings.sentinelMaster)
                .setDatabase(settings.database)
                .setScanInterval(SCAN_INTERVAL_MS);
        replicated(sentinel, settings);
      }
    }
    return config;
  }

  private static void single(Config config, RedisSettings settings) {
    if (settings.addressList().size() != 1) {
      throw new IllegalArgumentException(
          "redis.addresses must list exactly one server in single mode (got "
              + settings.addresses
              + ")");
    }
    var single =
        config
            .useSingleServer()
            .setAddress(settings.addressList().get(0))
            .setDatabase(settings.database)
            .setConnectionPoolSize(settings.connectionPoolSize)
            .setConnectionMinimumIdleSize(Math.min(4, settings.connectionPoolSize))
            // Fail fast while Redis is down: one retry covers a dropped connection; longer waits
            // only held the caller past its RPC timeout (fault suite, Redis down and back).
            .setRetryAttempts(1)
            .setRetryDelay(new ConstantDelay(SINGLE_RETRY_DELAY));
    common(single, settings);
  }

  /**
   * Cluster and Sentinel: every command (reads too) goes to the primary that owns its key, so a
   * process reads its own writes (replication is asynchronous); retries ride out a failover.
   */
  private static void replicated(BaseMasterSlaveServersConfig<?> c, RedisSettings settings) {
    c.setReadMode(ReadMode.MASTER)
        .setSubscriptionMode(SubscriptionMode.MASTER)
        .setMasterConnectionPoolSize(settings.connectionPoolSize)
        .setMasterConnectionMinimumIdleSize(Math.min(4, settings.connectionPoolSize))
        // Replicas are never read: keep one idle connection each, not a pool.
        .setSlaveConnectionMinimumIdleSize(1)
        .setSlaveConnectionPoolSize(2)
        .setRetryAttempts(FAILOVER_RETRY_ATTEMPTS)
        .setRetryDelay(new ConstantDelay(FAILOVER_RETRY_DELAY));
    common(c, settings);
  }

  private static void common(BaseConfig<?> c, RedisSettings settings) {
    c.setTimeout(settings.timeoutMs)
        .setConnectTimeout(Math.min(settings.timeoutMs, 1000))
        .setPingConnectionInterval(5000);
    if (settings.password != null && !settings.password.isEmpty()) {
      c.setPassword(settings.password);
    }
    if (settings.username != null && !settings.username.isEmpty()) {
      c.setUsername(settings.username);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
