package vent.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vent.common.testing.LauncherEnv;

/** The redis and events sections as every process config states them, read from the env. */
class RedisSettingsTest {

  private static final String YAML =
      """
      application: vent-provider-test
      server:
        port: ${VENT_PORT}
      registry:
        port: ${VENT_CONSUL_PORT}
      redis:
        mode: ${VENT_REDIS_MODE}
        addresses: ${VENT_REDIS_ADDRESSES}
        sentinelMaster: "${VENT_REDIS_SENTINEL_MASTER:-}"
        database: ${VENT_REDIS_DATABASE:-0}
      events:
        shards: ${VENT_EVENT_SHARDS}
      sentinel:
        commandPort: ${VENT_SENTINEL_PORT}
        kvPrefix: ${VENT_SENTINEL_KV_PREFIX}
      globalConfig:
        kvPrefix: ${VENT_CONFIG_KV_PREFIX}
      """;

  private static ProviderConfig parse(String... env) {
    return ConfigLoader.parse(YAML, ProviderConfig.class, LauncherEnv.with(env));
  }

  @Test
  void clusterSeedNodes() {
    ProviderConfig c =
        parse(
            "VENT_REDIS_MODE",
            "cluster",
            "VENT_REDIS_ADDRESSES",
            "redis://127.0.0.1:7000,redis://127.0.0.1:7001");
    assertThat(c.redis.mode).isEqualTo(RedisSettings.Mode.CLUSTER);
    assertThat(c.redis.addressList())
        .containsExactly("redis://127.0.0.1:7000", "redis://127.0.0.1:7001");
  }

  @Test
  void sentinelModeNeedsTheMasterName() {
    assertThatThrownBy(
            () -> parse("VENT_REDIS_MODE", "sentinel", "VENT_REDIS_ADDRESSES", "redis://h:26379"))
        .hasMessageContaining("redis.sentinelMaster is required in sentinel mode");
    ProviderConfig c =
        parse(
            "VENT_REDIS_MODE",
            "SENTINEL",
            "VENT_REDIS_ADDRESSES",
            "redis://h:26379",
            "VENT_REDIS_SENTINEL_MASTER",
            "vent");
    assertThat(c.redis.sentinelMaster).isEqualTo("vent");
  }

  @Test
  void singleModeTakesOneServer() {
    assertThatThrownBy(() -> parse("VENT_REDIS_ADDRESSES", "redis://a:1,redis://b:2"))
        .hasMessageContaining("redis.addresses must list exactly one server in single mode");
  }

  @Test
  void clusterHasOnlyDatabaseZero() {
    assertThatThrownBy(
            () ->
                parse(
                    "VENT_REDIS_MODE",
                    "cluster",
                    "VENT_REDIS_ADDRESSES",
                    "redis://a:1",
                    "VENT_REDIS_DATABASE",
                    "1"))
        .hasMessageContaining("redis.database must be 0 in cluster mode");
  }

  @Test
  void anUnknownModeIsNamed() {
    assertThatThrownBy(() -> parse("VENT_REDIS_MODE", "replicated"))
        .hasMessageContaining("single, cluster or sentinel");
  }

  @Test
  void shardsAreAtLeastOne() {
    assertThatThrownBy(() -> parse("VENT_EVENT_SHARDS", "0"))
        .hasMessageContaining("events.shards must be at least 1");
    assertThatThrownBy(() -> ConfigLoader.parse(YAML, ProviderConfig.class, Map.of()))
        .hasMessageContaining("VENT_EVENT_SHARDS")
        .hasMessageContaining("VENT_REDIS_MODE")
        .hasMessageContaining("VENT_REDIS_ADDRESSES");
  }
}
