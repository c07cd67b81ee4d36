package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResilientConsulRegistryTest {

  @Test
  void aPassForAnInstanceConsulForgotMeansRegisterAgain() {
    // Consul 1.8.7, measured: PUT /v1/agent/check/pass/service:<id> after the service was deregistered.
    assertThat(ResilientConsulRegistry.isMissing(500, "CheckID \"service:abc\" does not have associated TTL")).isTrue();
    // Later Consul versions.
    assertThat(ResilientConsulRegistry.isMissing(404, "Unknown check ID \"service:abc\"")).isTrue();
  }

  @Test
  void otherFailuresAreNotARegistrationMatter() {
    assertThat(ResilientConsulRegistry.isMissing(403, "Permission denied")).isFalse();
    assertThat(ResilientConsulRegistry.isMissing(500, "rpc error: No cluster leader")).isFalse();
    assertThat(ResilientConsulRegistry.isMissing(500, null)).isFalse();
  }
}
