package vent.provider.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vent.common.config.ConfigLoader;
import vent.common.config.RedisSettings;
import vent.common.testing.LauncherEnv;

class AuthProviderConfigTest {

  private static String bundledYaml() throws Exception {
    try (InputStream in = AuthProviderConfigTest.class.getResourceAsStream("/config.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void bundledConfigHasTheDocumentedDefaults() throws Exception {
    AuthProviderConfig cfg =
        ConfigLoader.parse(bundledYaml(), AuthProviderConfig.class, LauncherEnv.with());

    assertThat(cfg.application).isEqualTo("vent-provider-auth");
    assertThat(cfg.server.port).isEqualTo(21880);
    assertThat(cfg.server.loopbackOnly).isTrue();
    assertThat(cfg.redis.mode).isEqualTo(RedisSettings.Mode.SINGLE);
    assertThat(cfg.redis.addresses).isEqualTo("redis://127.0.0.1:16379");
    assertThat(cfg.events.shards).isEqualTo(3);
    assertThat(cfg.redis.password).isEmpty();
    assertThat(cfg.auth.accessTokenTtlSeconds).isEqualTo(900);
    assertThat(cfg.auth.refreshTokenTtlSeconds).isEqualTo(2_592_000);
    assertThat(cfg.auth.bcryptCost).isEqualTo(10);
    assertThat(cfg.auth.issuer).isEqualTo("vent-auth");
  }

  @Test
  void environmentOverrides() throws Exception {
    AuthProviderConfig cfg =
        ConfigLoader.parse(
            bundledYaml(),
            AuthProviderConfig.class,
            LauncherEnv.with(
                "VENT_PORT",
                "20901",
                "VENT_ACCESS_TOKEN_TTL_SECONDS",
                "60",
                "VENT_REFRESH_TOKEN_TTL_SECONDS",
                "120",
                "VENT_REDIS_PASSWORD",
                "s3cret",
                "VENT_CONSUL_PORT",
                "8501"));

    assertThat(cfg.server.port).isEqualTo(20901);
    assertThat(cfg.auth.accessTokenTtlSeconds).isEqualTo(60);
    assertThat(cfg.auth.refreshTokenTtlSeconds).isEqualTo(120);
    assertThat(cfg.redis.password).isEqualTo("s3cret");
    assertThat(cfg.registry.port).isEqualTo(8501);
  }
}
