package vent.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vent.common.config.ConfigLoader;
import vent.common.config.ProviderConfig;
import vent.common.config.RedisSettings;

class ConfigLoaderTest {

  /** Every setting the topology states comes from the environment, without a default. */
  private static final String YAML =
      """
      application: vent-provider-test
      server:
        port: ${VENT_PORT}
        drainMs: ${VENT_DRAIN_MS:-1500}
      registry:
        port: ${VENT_CONSUL_PORT}
      redis:
        mode: ${VENT_REDIS_MODE}
        addresses: ${VENT_REDIS_ADDRESSES}
        sentinelMaster: "${VENT_REDIS_SENTINEL_MASTER:-}"
      events:
        shards: ${VENT_EVENT_SHARDS}
      sentinel:
        enabled: ${VENT_SENTINEL_ENABLED:-true}
        commandPort: ${VENT_SENTINEL_PORT}
        dashboard: "${VENT_SENTINEL_DASHBOARD:-}"
        kvPrefix: ${VENT_SENTINEL_KV_PREFIX}
      globalConfig:
        kvPrefix: ${VENT_CONFIG_KV_PREFIX}
      """;

  /** Not the topology's values: the test states none of them again. */
  private static final Map<String, String> ENV =
      Map.of(
          "VENT_PORT", "21880",
          "VENT_CONSUL_PORT", "18500",
          "VENT_REDIS_MODE", "single",
          "VENT_REDIS_ADDRESSES", "redis://127.0.0.1:16379",
          "VENT_EVENT_SHARDS", "3",
          "VENT_SENTINEL_PORT", "18729",
          "VENT_SENTINEL_KV_PREFIX", "test/sentinel",
          "VENT_CONFIG_KV_PREFIX", "test/config");

  private static Map<String, String> env(String... more) {
    Map<String, String> env = new java.util.HashMap<>(ENV);
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  @Test
  void readsTheEnvironment() {
    ProviderConfig config = ConfigLoader.parse(YAML, ProviderConfig.class, ENV);
    assertThat(config.application).isEqualTo("vent-provider-test");
    assertThat(config.server.port).isEqualTo(21880);
    assertThat(config.registry.port).isEqualTo(18500);
    assertThat(config.redis.mode).isEqualTo(RedisSettings.Mode.SINGLE);
    assertThat(config.redis.addresses).isEqualTo("redis://127.0.0.1:16379");
    assertThat(config.redis.sentinelMaster).isEmpty();
    assertThat(config.events.shards).isEqualTo(3);
    assertThat(config.sentinel.commandPort).isEqualTo(18729);
    assertThat(config.sentinel.kvPrefix).isEqualTo("test/sentinel");
    assertThat(config.globalConfig.kvPrefix).isEqualTo("test/config");
  }

  @Test
  void defaultsApplyOnlyWhereTheYamlGivesOne() {
    ProviderConfig config = ConfigLoader.parse(YAML, ProviderConfig.class, ENV);
    assertThat(config.server.drainMs).isEqualTo(1500);
    assertThat(config.sentinel.enabled).isTrue();
    assertThat(config.sentinel.commandHost).isEqualTo("127.0.0.1");
    assertThat(config.sentinel.dashboard).isEmpty();
    ProviderConfig set =
        ConfigLoader.parse(
            YAML,
            ProviderConfig.class,
            env(
                "VENT_DRAIN_MS",
                "10",
                "VENT_SENTINEL_ENABLED",
                "false",
                "VENT_SENTINEL_DASHBOARD",
                "127.0.0.1:18080"));
    assertThat(set.server.drainMs).isEqualTo(10);
    assertThat(set.sentinel.enabled).isFalse();
    assertThat(set.sentinel.dashboard).isEqualTo("127.0.0.1:18080");
  }

  @Test
  void aMissingVariableIsNamed() {
    Map<String, String> env = env();
    env.remove("VENT_PORT");
    assertThatThrownBy(() -> ConfigLoader.parse(YAML, ProviderConfig.class, env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid configuration: VENT_PORT is not set (./vent sets it from stack/local.yml)");
    env.remove("VENT_CONFIG_KV_PREFIX");
    assertThatThrownBy(() -> ConfigLoader.parse(YAML, ProviderConfig.class, env))
        .hasMessage(
            "invalid configuration: VENT_CONFIG_KV_PREFIX, VENT_PORT are not set"
                + " (./vent sets them from stack/local.yml)");
  }

  @Test
  void settingsTheTopologyStatesHaveNoDefault() {
    assertThatThrownBy(
            () ->
                ConfigLoader.parse("application: vent-provider-test\n", ProviderConfig.class, ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid configuration: events.shards must be at least 1, got 0; globalConfig.kvPrefix"
                + " must be set; redis.addresses must be set; redis.mode must be single, cluster or"
                + " sentinel; registry.port must be 1-65535, got 0; sentinel.commandPort must be 1-65535,"
                + " got 0; sentinel.kvPrefix must be set; server.port must be 1-65535, got 0");
  }

  @Test
  void unknownKeysAreRejected() {
    assertThatThrownBy(
            () ->
                ConfigLoader.parse("application: x\nsrever: {}\n", ProviderConfig.class, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("srever");
  }

  @Test
  void everyBrokenConstraintIsNamedByItsPath() {
    String yaml =
        YAML.replace("vent-provider-test", "' '").replace("${VENT_REDIS_ADDRESSES}", "''");
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, ProviderConfig.class, env("VENT_PORT", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid configuration: application must be set; redis.addresses must be set;"
                + " server.port must be 1-65535, got 0");
  }

  @Test
  void anEmptyRedisPasswordIsEmptyNotNull() {
    ProviderConfig config =
        ConfigLoader.parse(
            YAML.replace("redis:\n", "redis:\n  password:\n  username:\n"),
            ProviderConfig.class,
            ENV);
    assertThat(config.redis.password).isEmpty();
    assertThat(config.redis.username).isEmpty();
  }

  @Test
  void tlsFilesAreCheckedWhenEnabled() {
    String yaml = YAML + "tls: {enabled: true, certChain: /nonexistent/node.pem}\n";
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, ProviderConfig.class, ENV))
        .hasMessage(
            "invalid configuration: tls.certChain is not a readable file: /nonexistent/node.pem;"
                + " tls.privateKey must be set when tls.enabled is true;"
                + " tls.trustCerts must be set when tls.enabled is true");
  }
}
