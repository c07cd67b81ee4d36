package vent.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MetricsSettingsTest {

  @Test
  void onByDefaultWithoutAPort() {
    MetricsSettings s = MetricsSettings.parse(Map.of());
    assertThat(s.enabled()).isTrue();
    assertThat(s.port()).isEqualTo(OptionalInt.empty());
    assertThat(s.serves()).isFalse();
  }

  @Test
  void portAndSwitchAreRead() {
    MetricsSettings on = MetricsSettings.parse(Map.of("VENT_METRICS_PORT", "20980"));
    assertThat(on.serves()).isTrue();
    assertThat(on.port()).hasValue(20980);
    MetricsSettings off =
        MetricsSettings.parse(Map.of("VENT_METRICS", "OFF", "VENT_METRICS_PORT", "20980"));
    assertThat(off.enabled()).isFalse();
    assertThat(off.serves()).isFalse();
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(() -> MetricsSettings.parse(Map.of("VENT_METRICS", "maybe")))
        .hasMessageContaining("VENT_METRICS");
    assertThatThrownBy(() -> MetricsSettings.parse(Map.of("VENT_METRICS_PORT", "x")))
        .hasMessageContaining("VENT_METRICS_PORT");
    assertThatThrownBy(() -> MetricsSettings.parse(Map.of("VENT_METRICS_PORT", "70000")))
        .hasMessageContaining("1-65535");
  }
}
