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
    assertThat(s.metricsPort(LOCAL.provider("user"), 1)).isEqualTo(20980);
    assertThat(s.metricsPort(LOCAL.provider("relation"), 2)).isEqualTo(20991);
    assertThat(s.metricsPort(LOCAL.provider("post"), 1)).isEqualTo(21020);
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
    assertThat(s.metricsPort(LOCAL.provider("user"), 1)).isEqualTo(21980);
  }

  @Test
  void thePortOffsetMovesMetricsPortsLikeTriplePorts() {
    Settings s = new Settings(LOCAL, Map.of("VENT_PORT_OFFSET", "5"), ROOT);
    assertThat(s.triplePort(LOCAL.provider("auth"), 3)).isEqualTo(20907);
    assertThat(s.metricsPort(LOCAL.provider("auth"), 3)).isEqualTo(21007);
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
    assertThatThrownBy(() -> new Settings(LOCAL, Map.of("VENT_METRICS", "yes"), ROOT))
        .hasMessageContaining("VENT_METRICS must be on or off");
    assertThatThrownBy(() -> new Settings(LOCAL, Map.of("VENT_HTTP_PORT", "http"), ROOT))
        .hasMessageContaining("VENT_HTTP_PORT");
    assertThatThrownBy(() -> new Settings(LOCAL, Map.of("VENT_REDIS_PASSWORD", "a\"b"), ROOT))
        .hasMessageContaining("VENT_REDIS_PASSWORD");
    assertThatThrownBy(() -> new Settings(LOCAL, Map.of("VENT_REDIS_USERNAME", "x"), ROOT))
        .hasMessageContaining("needs VENT_REDIS_PASSWORD");
  }

  @Test
  void zipkinsPortIsATopologyPortMovedByTheShift() {
    assertThat(new Settings(LOCAL, Map.of(), ROOT).zipkinPort).isEqualTo(9411);
    assertThat(new Settings(LOCAL, Map.of(), ROOT).tracing).as("off by default").isFalse();
    Settings shifted = new Settings(LOCAL, Map.of("VENT_PORT_SHIFT", "1000"), ROOT);
    assertThat(shifted.zipkinPort).isEqualTo(10411);
    Settings set =
        new Settings(LOCAL, Map.of("VENT_PORT_SHIFT", "1000", "VENT_ZIPKIN_PORT", "19411"), ROOT);
    assertThat(set.zipkinPort).isEqualTo(19411);
    assertThat(Settings.savedVariables(LOCAL))
        .as("a running stack keeps them")
        .contains("VENT_TRACING", "VENT_ZIPKIN_PORT", "VENT_TRACE_SAMPLING");
  }

  @Test
  void tracingSettingsAreChecked() {
    Settings on = new Settings(LOCAL, Map.of("VENT_TRACING", "on"), ROOT);
    assertThat(on.tracing).isTrue();
    assertThat(on.traceSampling).isEqualTo("0.01");
    assertThat(new Settings(LOCAL, Map.of("VENT_TRACE_SAMPLING", "1"), ROOT).traceSampling)
        .isEqualTo("1");
    assertThatThrownBy(() -> new Settings(LOCAL, Map.of("VENT_TRACING", "true"), ROOT))
        .hasMessageContaining("VENT_TRACING must be on or off");
    for (String bad : new String[] {"1.5", "-0.1", "0,1", "1e-3", "abc"}) {
      assertThatThrownBy(() -> new Settings(LOCAL, Map.of("VENT_TRACE_SAMPLING", bad), ROOT))
          .as(bad)
          .hasMessageContaining("VENT_TRACE_SAMPLING must be a number from 0 to 1");
    }
    assertThatThrownBy(() -> new Settings(LOCAL, Map.of("VENT_ZIPKIN_PORT", "70000"), ROOT))
        .hasMessageContaining("VENT_ZIPKIN_PORT");
  }
}
