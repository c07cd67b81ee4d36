package vent.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vent.stack.Topology;

/**
 * The launcher's topology names each provider's Consul service as Dubbo registers it: by its
 * vent-api interface, which is where vent-web's health checks take the names from.
 */
class TopologyServicesTest {

  @Test
  void theTopologyNamesEveryProviderServiceAsItsVentApiInterface() {
    Topology topology = Topology.load(Path.of("..", "stack", "local.yml"));
    assertThat(topology.providers().stream().map(Topology.Provider::service))
        .containsExactlyInAnyOrderElementsOf(ProviderServices.CONSUL_NAMES.values());
  }
}
