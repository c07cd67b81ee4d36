package vent.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecwid.consul.v1.agent.model.NewService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The payload the launcher's Prometheus discovers targets by. */
class MetricsRegistrationTest {

  @Test
  void payloadFollowsTheContract() {
    NewService s = MetricsRegistration.service("vent-provider-user", "2", 20981);
    assertThat(s.getName()).isEqualTo("vent-metrics");
    assertThat(s.getId()).isEqualTo("vent-metrics-vent-provider-user-2");
    assertThat(s.getTags()).isEqualTo(List.of("application=vent-provider-user", "instance=2"));
    assertThat(s.getMeta())
        .isEqualTo(
            Map.of("application", "vent-provider-user", "instance", "2", "path", "/metrics"));
    assertThat(s.getAddress()).isEqualTo("127.0.0.1");
    assertThat(s.getPort()).isEqualTo(20981);
    assertThat(s.getCheck().getHttp()).isEqualTo("http://127.0.0.1:20981/metrics");
    assertThat(s.getCheck().getInterval()).isEqualTo("10s");
    assertThat(s.getCheck().getDeregisterCriticalServiceAfter()).isEqualTo("1m");
  }
}
