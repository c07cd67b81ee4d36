package vent.provider.user.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vent.common.config.ConfigLoader;
import vent.common.config.RedisSettings;
import vent.common.testing.LauncherEnv;

class UserProviderConfigTest {

  private static String bundledYaml() throws IOException {
    try (InputStream in = UserProviderConfig.class.getResourceAsStream("/config.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void bundledDefaultsAndTheLaunchersValues() throws IOException {
    UserProviderConfig cfg =
        ConfigLoader.parse(bundledYaml(), UserProviderConfig.class, LauncherEnv.with());
    assertThat(cfg.application).isEqualTo("vent-provider-user");
    assertThat(cfg.server.port).isEqualTo(21880);
    assertThat(cfg.server.loopbackOnly).isTrue();
    assertThat(cfg.registry.port).isEqualTo(18500);
    assertThat(cfg.redis.mode).isEqualTo(RedisSettings.Mode.SINGLE);
    assertThat(cfg.redis.addresses).isEqualTo("redis://127.0.0.1:16379");
    assertThat(cfg.events.shards).isEqualTo(3);
    assertThat(cfg.sentinel.commandPort).isEqualTo(18729);
    assertThat(cfg.sentinel.kvPrefix).isEqualTo("test/sentinel");
    assertThat(cfg.globalConfig.kvPrefix).isEqualTo("test/config");
    assertThat(cfg.redis.password).isEmpty();
    assertThat(cfg.redis.username).isEmpty();
    assertThat(cfg.registry.hasToken()).isFalse();
  }

  @Test
  void environmentOverrides() throws IOException {
    UserProviderConfig cfg =
        ConfigLoader.parse(
            bundledYaml(),
            UserProviderConfig.class,
            LauncherEnv.with(
                "VENT_PORT",
                "20881",
                "VENT_REDIS_MODE",
                "cluster",
                "VENT_REDIS_ADDRESSES",
                "redis://127.0.0.1:7000,redis://127.0.0.1:7001",
                "VENT_REDIS_PASSWORD",
                "s3cret",
                "VENT_LOOPBACK_ONLY",
                "false",
                "VENT_CONSUL_PORT",
                "8600",
                "VENT_CONSUL_TOKEN",
                "0b9e3f6c-acl",
                "VENT_REDIS_USERNAME",
                "vent"));
    assertThat(cfg.server.port).isEqualTo(20881);
    assertThat(cfg.server.loopbackOnly).isFalse();
    assertThat(cfg.registry.port).isEqualTo(8600);
    assertThat(cfg.redis.mode).isEqualTo(RedisSettings.Mode.CLUSTER);
    assertThat(cfg.redis.addressList())
        .containsExactly("redis://127.0.0.1:7000", "redis://127.0.0.1:7001");
    assertThat(cfg.redis.password).isEqualTo("s3cret");
    assertThat(cfg.redis.username).isEqualTo("vent");
    assertThat(cfg.registry.tokenValue()).isEqualTo("0b9e3f6c-acl");
  }

  @Test
  void aMissingLauncherVariableIsNamed() {
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    bundledYaml(),
                    UserProviderConfig.class,
                    LauncherEnv.without("VENT_SENTINEL_KV_PREFIX")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid configuration: VENT_SENTINEL_KV_PREFIX is not set"
                + " (./vent sets it from stack/local.yml)");
  }
}
