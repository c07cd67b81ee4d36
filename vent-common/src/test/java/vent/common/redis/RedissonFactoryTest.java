package vent.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;
import vent.common.config.RedisSettings;

/** The Redisson configuration each mode builds; no Redis is needed for it. */
class RedissonFactoryTest {

  /** Config keeps its per-mode parts protected; a subclass may read them. */
  private static final class Parts extends Config {
    Parts(Config config) {
      super(config);
    }

    SingleServerConfig single() {
      return getSingleServerConfig();
    }

    ClusterServersConfig cluster() {
      return getClusterServersConfig();
    }

    SentinelServersConfig sentinel() {
      return getSentinelServersConfig();
    }
  }

  private static RedisSettings settings(RedisSettings.Mode mode, String addresses) {
    RedisSettings s = new RedisSettings();
    s.mode = mode;
    s.addresses = addresses;
    s.username = "vent-user";
    s.password = "pw";
    s.timeoutMs = 2000;
    s.connectionPoolSize = 8;
    return s;
  }

  @Test
  void singleServerFailsFast() {
    RedisSettings s = settings(RedisSettings.Mode.SINGLE, " redis://127.0.0.1:6379 ");
    s.database = 2;
    Parts c = new Parts(RedissonFactory.config(s));
    assertThat(c.isSingleConfig()).isTrue();
    SingleServerConfig single = c.single();
    assertThat(single.getAddress()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(single.getDatabase()).isEqualTo(2);
    assertThat(single.getRetryAttempts()).isEqualTo(1);
    assertThat(single.getTimeout()).isEqualTo(2000);
    assertThat(single.getUsername()).isEqualTo("vent-user");
    assertThat(single.getPassword()).isEqualTo("pw");
  }

  @Test
  void clusterReadsPrimariesAndRidesOutAFailover() {
    Parts c =
        new Parts(
            RedissonFactory.config(
                settings(
                    RedisSettings.Mode.CLUSTER,
                    "redis://127.0.0.1:7000,redis://127.0.0.1:7001, redis://127.0.0.1:7002")));
    assertThat(c.isClusterConfig()).isTrue();
    ClusterServersConfig cluster = c.cluster();
    assertThat(cluster.getNodeAddresses())
        .containsExactly(
            "redis://127.0.0.1:7000", "redis://127.0.0.1:7001", "redis://127.0.0.1:7002");
    assertThat(cluster.getReadMode()).isEqualTo(ReadMode.MASTER);
    assertThat(cluster.getScanInterval()).isEqualTo(RedissonFactory.SCAN_INTERVAL_MS);
    assertThat(cluster.getRetryAttempts()).isEqualTo(RedissonFactory.FAILOVER_RETRY_ATTEMPTS);
    assertThat(cluster.getRetryDelay()).isInstanceOf(ConstantDelay.class);
    // Retries must outlast a failover of the cluster topology (about 5 s).
    assertThat(
            RedissonFactory.FAILOVER_RETRY_ATTEMPTS
                    * RedissonFactory.FAILOVER_RETRY_DELAY.toMillis()
                + RedissonFactory.SCAN_INTERVAL_MS)
        .isGreaterThan(5000);
    assertThat(cluster.getUsername()).isEqualTo("vent-user");
    assertThat(cluster.getPassword()).isEqualTo("pw");
    assertThat(cluster.getTimeout()).isEqualTo(2000);
  }

  @Test
  void sentinelNeedsTheMasterName() {
    RedisSettings s =
        settings(RedisSettings.Mode.SENTINEL, "redis://127.0.0.1:26379,redis://127.0.0.1:26380");
    assertThatThrownBy(() -> RedissonFactory.config(s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sentinelMaster");
    s.sentinelMaster = "vent";
    s.database = 1;
    Parts c = new Parts(RedissonFactory.config(s));
    assertThat(c.isSentinelConfig()).isTrue();
    SentinelServersConfig sentinel = c.sentinel();
    assertThat(sentinel.getMasterName()).isEqualTo("vent");
    assertThat(sentinel.getSentinelAddresses())
        .containsExactly("redis://127.0.0.1:26379", "redis://127.0.0.1:26380");
    assertThat(sentinel.getReadMode()).isEqualTo(ReadMode.MASTER);
    assertThat(sentinel.getDatabase()).isEqualTo(1);
    assertThat(sentinel.getRetryAttempts()).isEqualTo(RedissonFactory.FAILOVER_RETRY_ATTEMPTS);
  }

  @Test
  void singleModeTakesExactlyOneAddress() {
    assertThatThrownBy(
            () ->
                RedissonFactory.config(
                    settings(RedisSettings.Mode.SINGLE, "redis://127.0.0.1:1,redis://127.0.0.1:2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one server");
  }
}
