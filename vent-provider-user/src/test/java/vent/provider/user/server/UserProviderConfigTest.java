package vent.provider.user.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vent.common.config.ConfigLoader;

class UserProviderConfigTest {

  private static String bundledYaml() throws IOException {
    try (InputStream in = UserProviderConfig.class.getResourceAsStream("/config.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void bundledDefaults() throws IOException {
    UserProviderConfig cfg = ConfigLoader.parse(bundledYaml(), UserProviderConfig.class, Map.of());
    cfg.validate();
    assertThat(cfg.application).isEqualTo("vent-provider-user");
    assertThat(cfg.server.port).isEqualTo(20880);
    assertThat(cfg.server.loopbackOnly).isTrue();
    assertThat(cfg.registry.port).isEqualTo(8500);
    assertThat(cfg.redis.address).isEqualTo("redis://127.0.0.1:6379");
    assertThat(cfg.redis.password).isEmpty();
    assertThat(cfg.redis.username).isEmpty();
    assertThat(cfg.registry.hasToken()).isFalse();
  }

  @Test
  void environmentOverrides() throws IOException {
    UserProviderConfig cfg = ConfigLoader.parse(bundledYaml(), UserProviderConfig.class, Map.of(
        "VENT_PORT", "20881", "VENT_REDIS_ADDRESS", "redis://127.0.0.1:7000", "VENT_REDIS_PASSWORD", "s3cret",
        "VENT_LOOPBACK_ONLY", "false", "VENT_CONSUL_PORT", "8600",
        "VENT_CONSUL_TOKEN", "0b9e3f6c-acl", "VENT_REDIS_USERNAME", "vent"));
    assertThat(cfg.server.port).isEqualTo(20881);
    assertThat(cfg.server.loopbackOnly).isFalse();
    assertThat(cfg.registry.port).isEqualTo(8600);
    assertThat(cfg.redis.address).isEqualTo("redis://127.0.0.1:7000");
    assertThat(cfg.redis.password).isEqualTo("s3cret");
    assertThat(cfg.redis.username).isEqualTo("vent");
    assertThat(cfg.registry.tokenValue()).isEqualTo("0b9e3f6c-acl");
  }
}
