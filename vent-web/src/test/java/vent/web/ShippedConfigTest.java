package vent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vent.common.config.RedisSettings;
import vent.common.testing.LauncherEnv;

/** vent-web's shipped config.yml takes the topology's values from the launcher's variables. */
class ShippedConfigTest {

  private static VentWebConfiguration load(Map<String, String> env) throws Exception {
    YamlConfigurationFactory<VentWebConfiguration> factory =
        new YamlConfigurationFactory<>(
            VentWebConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
    return factory.build(
        new SubstitutingSourceProvider(
            new FileConfigurationSourceProvider(), new RequiredEnvironmentSubstitutor(env::get)),
        "config.yml");
  }

  @Test
  void portsAndPrefixesComeFromTheEnvironment() throws Exception {
    VentWebConfiguration config = load(LauncherEnv.with());
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    assertThat(((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getPort())
        .isEqualTo(18080);
    assertThat(((HttpConnectorFactory) server.getAdminConnectors().get(0)).getPort())
        .isEqualTo(18081);
    assertThat(config.registry.port).isEqualTo(18500);
    assertThat(config.redis.mode).isEqualTo(RedisSettings.Mode.SINGLE);
    assertThat(config.redis.addresses).isEqualTo("redis://127.0.0.1:16379");
    assertThat(config.events.shards).isEqualTo(3);
    assertThat(config.sentinel.commandPort).isEqualTo(18729);
    assertThat(config.sentinel.kvPrefix).isEqualTo("test/sentinel");
    assertThat(config.globalConfig.kvPrefix).isEqualTo("test/config");
  }

  @Test
  void metricsAreOnUnlessVentMetricsIsOff() throws Exception {
    VentWebConfiguration on = load(LauncherEnv.with());
    assertThat(on.observability.metricsOn()).isTrue();
    assertThat(on.observability.instance).isEqualTo("web");
    assertThat(on.observability.consulRegistration).isTrue();
    assertThat(load(LauncherEnv.with("VENT_METRICS", "off")).observability.metricsOn()).isFalse();
    assertThatThrownBy(() -> load(LauncherEnv.with("VENT_METRICS", "maybe")))
        .hasMessageContaining("must be on or off");
  }

  @Test
  void aMissingVariableIsNamed() {
    assertThatThrownBy(() -> load(LauncherEnv.without("VENT_HTTP_PORT")))
        .hasMessage("VENT_HTTP_PORT is not set (./vent sets it from stack/local.yml)");
  }
}
