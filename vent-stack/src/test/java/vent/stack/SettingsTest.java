package vent.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  static final Topology LOCAL = Topology.load(TopologyTest.localYml());
  static final Path ROOT = Path.of("/repo");

  @Test
  void defaultsAreTheTopologysPorts() {
    Settings s = new Settings(LOCAL, Map.of(), ROOT);
    assertThat(s.httpPort).isEqualTo(8080);
    assertThat(s.consulServerPort).isEqualTo(8300);
    assertThat(s.triplePort(LOCAL.provider("relation"), 2)).isEqualTo(20891);
    assertThat(s.sentinelPort(LOCAL.provider("auth"), 1)).isEqualTo(8749);
    assertThat(s.stateDir).isEqualTo(ROOT.resolve(".state"));
    assertThat(s.instances).containsEntry("user", 1);
  }

  @Test
  void theShiftMovesEveryPortAndSinglePortsStillWin() {
    Settings s =
        new Settings(LOCAL, Map.of("VENT_PORT_SHIFT", "1000", "VENT_HTTP_PORT", "9999"), ROOT);
    assertThat(s.httpPort).isEqualTo(9999);
    assertThat(s.adminPort).isEqualTo(9081);
    assertThat(s.consulPort).isEqualTo(9500);
    assertThat(s.consulSerfWanPort).isEqualTo(9302);
    assertThat(s.redisPort).isEqualTo(7379);
    assertThat(s.sentinelBase).isEqualTo(9719);
    assertThat(s.triplePort(LOCAL.provider("user"), 1)).isEqualTo(21880);
  }

  @Test
  void consulsOtherPortsMoveWithItsHttpPort() {
    Settings s = new Settings(LOCAL, Map.of("VENT_CONSUL_PORT", "18500"), ROOT);
    assertThat(s.consulServerPort).isEqualTo(18300);
    assertThat(s.consulSerfLanPort).isEqualTo(18301);
  }

  @Test
  void instanceCountsComeFromTheEnvironment() {
    Settings s =
        new Settings(LOCAL, Map.of("VENT_INSTANCES", "2", "VENT_RELATION_INSTANCES", "3"), ROOT);
    assertThat(s.instances).containsEntry("user", 2).containsEntry("relation", 3);
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(() -> new Settings(LOCAL, Map.of("VENT_INSTANCES", "11"), ROOT))
        .hasMessageContaining("VENT_INSTANCES must be an integer from 1 to 10");
    assertThatThrownBy(() -> new Settings(LOCAL, Map.of("VENT_HTTP_PORT", "http"), ROOT))
        .hasMessageContaining("VENT_HTTP_PORT");
    assertThatThrownBy(() -> new Settings(LOCAL, Map.of("VENT_REDIS_PASSWORD", "a\"b"), ROOT))
        .hasMessageContaining("VENT_REDIS_PASSWORD");
    assertThatThrownBy(() -> new Settings(LOCAL, Map.of("VENT_REDIS_USERNAME", "x"), ROOT))
        .hasMessageContaining("needs VENT_REDIS_PASSWORD");
  }
}
