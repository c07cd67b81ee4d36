package vent.common.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vent.common.config.RegistrySettings;

/** What happens before Sentinel itself is touched (the rest is in SentinelBootstrapIT). */
class SentinelBootstrapTest {

  @Test
  void disabledIsANoOp() {
    SentinelSettings off = new SentinelSettings();
    off.enabled = false;
    try (SentinelBootstrap handle =
        SentinelBootstrap.start("vent-test", off, new RegistrySettings())) {
      assertThat(handle).isNotNull();
      assertThat(SentinelBootstrap.isRunning()).isFalse();
      assertThat(VentCommandCenter.boundAddress()).isEmpty();
    }
  }

  @Test
  void refusesSettingsThatWouldExposeOrBreakTheCommandPort() {
    SentinelSettings wildcard = valid();
    wildcard.commandHost = "0.0.0.0";
    assertThatThrownBy(() -> SentinelBootstrap.start("vent-test", wildcard, new RegistrySettings()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one address");

    SentinelSettings badPort = valid();
    badPort.commandPort = 0;
    assertThatThrownBy(() -> SentinelBootstrap.start("vent-test", badPort, new RegistrySettings()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commandPort");

    assertThatThrownBy(() -> SentinelBootstrap.start(" ", valid(), new RegistrySettings()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SentinelBootstrap.isRunning()).isFalse();
  }

  /** Settings that pass every check; not the topology's values. */
  private static SentinelSettings valid() {
    SentinelSettings settings = new SentinelSettings();
    settings.commandPort = 18729;
    settings.kvPrefix = "test/sentinel";
    return settings;
  }
}
