package vent.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vent.common.config.ConfigLoader;
import vent.common.config.ProviderConfig;

class ConfigLoaderTest {

  private static final String YAML = """
      application: vent-provider-test
      server:
        port: ${VENT_PORT:-20880}
      redis:
        address: redis://127.0.0.1:${VENT_REDIS_PORT:-6379}
      """;

  @Test
  void usesDefaultsWhenTheEnvironmentIsSilent() {
    ProviderConfig config = ConfigLoader.parse(YAML, ProviderConfig.class, Map.of());
    assertThat(config.application).isEqualTo("vent-provider-test");
    assertThat(config.server.port).isEqualTo(20880);
    assertThat(config.redis.address).isEqualTo("redis://127.0.0.1:6379");
    assertThat(config.registry.port).isEqualTo(8500);
  }

  @Test
  void environmentWins() {
    ProviderConfig config = ConfigLoader.parse(YAML, ProviderConfig.class, Map.of("VENT_PORT", "20999", "VENT_REDIS_PORT", "7000"));
    assertThat(config.server.port).isEqualTo(20999);
    assertThat(config.redis.address).isEqualTo("redis://127.0.0.1:7000");
  }

  @Test
  void unknownKeysAreRejected() {
    assertThatThrownBy(() -> ConfigLoader.parse("application: x\nsrever: {}\n", ProviderConfig.class, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("srever");
  }
}
