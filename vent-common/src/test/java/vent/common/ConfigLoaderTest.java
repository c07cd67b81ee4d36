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
  void readsTheSentinelSection() {
    String yaml = YAML + """
        sentinel:
          enabled: ${VENT_SENTINEL_ENABLED:-true}
          commandPort: ${VENT_SENTINEL_PORT:-8729}
          dashboard: "${VENT_SENTINEL_DASHBOARD:-}"
        """;
    ProviderConfig defaults = ConfigLoader.parse(yaml, ProviderConfig.class, Map.of());
    assertThat(defaults.sentinel.enabled).isTrue();
    assertThat(defaults.sentinel.commandPort).isEqualTo(8729);
    assertThat(defaults.sentinel.commandHost).isEqualTo("127.0.0.1");
    assertThat(defaults.sentinel.dashboard).isEmpty();
    assertThat(defaults.sentinel.kvPrefix).isEqualTo("vent/sentinel");
    ProviderConfig set = ConfigLoader.parse(yaml, ProviderConfig.class,
        Map.of("VENT_SENTINEL_ENABLED", "false", "VENT_SENTINEL_PORT", "9000", "VENT_SENTINEL_DASHBOARD", "127.0.0.1:8080"));
    assertThat(set.sentinel.enabled).isFalse();
    assertThat(set.sentinel.commandPort).isEqualTo(9000);
    assertThat(set.sentinel.dashboard).isEqualTo("127.0.0.1:8080");
  }

  @Test
  void unknownKeysAreRejected() {
    assertThatThrownBy(() -> ConfigLoader.parse("application: x\nsrever: {}\n", ProviderConfig.class, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("srever");
  }
}
