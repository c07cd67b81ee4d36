package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.apache.dubbo.common.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.common.testing.ConsulAgent;

/**
 * The registry against a Consul with ACLs on and a token of Vent's policy (no {@code agent}
 * rights): it reports Consul available, so Dubbo's unregister and unsubscribe on shutdown go ahead
 * instead of failing with a warning per reference.
 */
class ResilientConsulRegistryAclIT {

  private static ConsulAgent consul;
  private static String token;

  @BeforeAll
  static void start() {
    consul = ConsulAgent.withAcl(UUID.randomUUID().toString());
    token = consul.createToken(ConsulAgent.ventPolicy());
  }

  @AfterAll
  static void stop() {
    if (consul != null) {
      consul.close();
    }
  }

  @Test
  void availableWithVentsPolicy() {
    URL url =
        URL.valueOf(
            "consul://127.0.0.1:"
                + consul.httpPort()
                + "/org.apache.dubbo.registry.RegistryService?file-cache=false&token="
                + token);
    ResilientConsulRegistry registry = new ResilientConsulRegistry(url);
    try {
      assertThat(registry.isAvailable()).isTrue();
    } finally {
      registry.destroy();
    }
  }

  @Test
  void notAvailableWhenConsulIsGone() {
    URL url =
        URL.valueOf(
            "consul://127.0.0.1:1/org.apache.dubbo.registry.RegistryService?file-cache=false&token="
                + token);
    ResilientConsulRegistry registry = new ResilientConsulRegistry(url);
    try {
      assertThat(registry.isAvailable()).isFalse();
    } finally {
      registry.destroy();
    }
  }
}
