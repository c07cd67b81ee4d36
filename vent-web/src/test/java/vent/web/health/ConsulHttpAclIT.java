package vent.web.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.common.config.RegistrySettings;
import vent.common.testing.ConsulAgent;

/**
 * vent-web's Consul health checks against a real Consul agent with ACLs on (default deny): with a
 * token of the policy docs/SECURITY.md documents they see the provider instances; without one
 * Consul hides them (the check reports no passing instance); an unknown token is an error.
 */
class ConsulHttpAclIT {

  private static final String SERVICE = "dev.vent.user.v1.UserService";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ConsulAgent consul;
  private static String token;

  @BeforeAll
  static void start() {
    consul = ConsulAgent.withAcl(UUID.randomUUID().toString());
    token = consul.createToken(ConsulAgent.ventPolicy());
    // A provider instance as Dubbo registers it (no check: passing while its node is).
    consul.put(
        "/v1/agent/service/register",
        "{\"ID\":\"acl-it-1\",\"Name\":\""
            + SERVICE
            + "\",\"Port\":21880,\"Tags\":[\"side=provider\"]}");
  }

  @AfterAll
  static void stop() {
    if (consul != null) {
      consul.close();
    }
  }

  @Test
  void withTheTokenTheProviderIsSeen() throws Exception {
    ConsulHttp http = new ConsulHttp(registry(token), JSON);
    assertThat(http.leader()).isNotEmpty();
    assertThat(http.passingProviders(SERVICE)).isEqualTo(1);
  }

  @Test
  void withoutATokenConsulHidesIt() throws Exception {
    assertThat(new ConsulHttp(registry(""), JSON).passingProviders(SERVICE)).isZero();
  }

  @Test
  void anUnknownTokenIsAnError() {
    assertThatThrownBy(
            () ->
                new ConsulHttp(registry(UUID.randomUUID().toString()), JSON)
                    .passingProviders(SERVICE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("403");
  }

  private static RegistrySettings registry(String withToken) {
    RegistrySettings settings = consul.registry();
    settings.token = withToken;
    return settings;
  }
}
