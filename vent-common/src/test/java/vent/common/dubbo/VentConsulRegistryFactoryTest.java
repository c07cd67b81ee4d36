package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.dubbo.config.RegistryConfig;
import org.junit.jupiter.api.Test;
import vent.common.config.RegistrySettings;

class VentConsulRegistryFactoryTest {

  @Test
  void aTokenGoesIntoTheRegistryConfigOnlyAsAReference() {
    RegistrySettings settings = registry();
    settings.token = "  3f1c9a70-secret-token ";
    RegistryConfig registry = DubboDefaults.registry(settings);
    assertThat(registry.getAddress()).isEqualTo("vent-consul://127.0.0.1:18500");
    assertThat(registry.getParameters()).containsOnlyKeys(VentConsulRegistryFactory.TOKEN_REF_KEY);
    // What Dubbo logs at INFO: the config's toString, then URLs built from it.
    assertThat(registry.toString()).doesNotContain("secret");
    assertThat(settings.toString()).doesNotContain("secret").contains("ACL token set");
  }

  @Test
  void withoutATokenNoReference() {
    RegistryConfig registry = DubboDefaults.registry(registry());
    assertThat(registry.getAddress()).isEqualTo("vent-consul://127.0.0.1:18500");
    assertThat(registry.getParameters()).isNullOrEmpty();
  }

  @Test
  void oneReferencePerToken() {
    String a = VentConsulRegistryFactory.reference("token-a");
    assertThat(VentConsulRegistryFactory.reference("token-a")).isEqualTo(a);
    assertThat(VentConsulRegistryFactory.reference("token-b")).isNotEqualTo(a);
    assertThatThrownBy(() -> VentConsulRegistryFactory.reference(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static RegistrySettings registry() {
    RegistrySettings settings = new RegistrySettings();
    settings.port = 18500;
    return settings;
  }
}
