package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.dubbo.common.URL;
import org.junit.jupiter.api.Test;

class ResilientConsulRegistryTest {

  @Test
  void theRegistryUrlDubboPrintsCarriesNoToken() {
    String token = "6a0e7c52-1f4d-4b8e-9c3a-2d5f7e9b1c40";
    URL url = URL.valueOf("consul://127.0.0.1:1/org.apache.dubbo.registry.RegistryService?file-cache=false&token=" + token);
    ResilientConsulRegistry registry = new ResilientConsulRegistry(url);
    try {
      assertThat(registry.getUrl().toFullString()).doesNotContain(token).startsWith("consul://127.0.0.1:1/");
      assertThat(registry.toString()).doesNotContain(token);
    } finally {
      registry.destroy();
    }
  }
}
