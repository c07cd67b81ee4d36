package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.dubbo.common.URL;
import org.junit.jupiter.api.Test;

class ResilientConsulRegistryTest {

  @Test
  void aPassForAnInstanceConsulForgotMeansRegisterAgain() {
    // Consul 1.8.7, measured: PUT /v1/agent/check/pass/service:<id> after the service was
    // deregistered.
    assertThat(
            ResilientConsulRegistry.isMissing(
                500, "CheckID \"service:abc\" does not have associated TTL"))
        .isTrue();
    // Later Consul versions.
    assertThat(ResilientConsulRegistry.isMissing(404, "Unknown check ID \"service:abc\"")).isTrue();
  }

  @Test
  void otherFailuresAreNotARegistrationMatter() {
    assertThat(ResilientConsulRegistry.isMissing(403, "Permission denied")).isFalse();
    assertThat(ResilientConsulRegistry.isMissing(500, "rpc error: No cluster leader")).isFalse();
    assertThat(ResilientConsulRegistry.isMissing(500, null)).isFalse();
  }

  @Test
  void theRegistryUrlDubboPrintsCarriesNoToken() {
    String token = "6a0e7c52-1f4d-4b8e-9c3a-2d5f7e9b1c40";
    URL url =
        URL.valueOf(
            "consul://127.0.0.1:1/org.apache.dubbo.registry.RegistryService?file-cache=false&token="
                + token);
    ResilientConsulRegistry registry = new ResilientConsulRegistry(url);
    try {
      assertThat(registry.getUrl().toFullString())
          .doesNotContain(token)
          .startsWith("consul://127.0.0.1:1/");
      assertThat(registry.toString()).doesNotContain(token);
    } finally {
      registry.destroy();
    }
  }
}
