package vent.common.config.global;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlobalConfigTest {

  private static final ConfigKey<Integer> TTL = ConfigKeys.CAPTCHA_TTL_SECONDS;
  private static final ConfigKey<Integer> COST = ConfigKeys.BCRYPT_COST;

  private final GlobalConfig config = new GlobalConfig("test/config", "vent-provider-captcha");

  @Test
  void localValueWhenConsulHasNone() {
    assertThat(config.bind(TTL, 77).get()).isEqualTo(77);
    config.apply(Map.of());
    assertThat(config.bind(ConfigKeys.CAPTCHA_LENGTH, 6).get()).isEqualTo(6);
  }

  @Test
  void perApplicationOverGlobalOverLocal() {
    Live<Integer> ttl = config.bind(TTL, 77);
    config.apply(Map.of("global/captcha.ttl-seconds", "60"));
    assertThat(ttl.get()).isEqualTo(60);
    config.apply(
        Map.of(
            "global/captcha.ttl-seconds", "60", "vent-provider-captcha/captcha.ttl-seconds", "30"));
    assertThat(ttl.get()).isEqualTo(30);
    config.apply(Map.of("global/captcha.ttl-seconds", "60", "vent-web/captcha.ttl-seconds", "40"));
    assertThat(ttl.get()).as("another application's folder").isEqualTo(60);
    config.apply(Map.of());
    assertThat(ttl.get()).isEqualTo(77);
  }

  @Test
  void bindingAfterTheFirstReadStartsWithConsulsValue() {
    config.apply(
        Map.of("global/captcha.ttl-seconds", "60", "vent-provider-captcha/auth.bcrypt-cost", "12"));
    assertThat(config.bind(TTL, 77).get()).isEqualTo(60);
    assertThat(config.bind(COST, 10).get()).isEqualTo(12);
  }

  @Test
  void invalidValueKeepsTheValueInForce() {
    Live<Integer> ttl = config.bind(TTL, 77);
    config.apply(Map.of("global/captcha.ttl-seconds", "60"));
    config.apply(Map.of("global/captcha.ttl-seconds", "sixty"));
    assertThat(ttl.get()).isEqualTo(60);
    config.apply(
        Map.of(
            "global/captcha.ttl-seconds", "60", "vent-provider-captcha/captcha.ttl-seconds", "0"));
    assertThat(ttl.get())
        .as("an invalid per-app value does not fall through to global")
        .isEqualTo(60);
    config.apply(Map.of("global/captcha.ttl-seconds", "45"));
    assertThat(ttl.get()).isEqualTo(45);
  }

  @Test
  void invalidValueAtBindingFallsToTheNextLayer() {
    config.apply(
        Map.of(
            "global/captcha.ttl-seconds", "60", "vent-provider-captcha/captcha.ttl-seconds", "x"));
    assertThat(config.bind(TTL, 77).get()).isEqualTo(60);
  }

  @Test
  void startupKeyKeepsItsFirstValue() {
    Live<Integer> cost = config.bind(COST, 10);
    config.apply(Map.of("global/auth.bcrypt-cost", "12"));
    assertThat(cost.get()).isEqualTo(10);
  }

  @Test
  void listenersHearLiveChangesOnly() {
    Live<Integer> ttl = config.bind(TTL, 77);
    List<Integer> heard = new ArrayList<>();
    ttl.onChange(heard::add);
    ttl.onChange(
        v -> {
          throw new IllegalStateException("a broken listener does not stop the others");
        });
    config.apply(Map.of("global/captcha.ttl-seconds", "60"));
    config.apply(Map.of("global/captcha.ttl-seconds", "60"));
    config.apply(Map.of("global/captcha.ttl-seconds", "61"));
    assertThat(heard).containsExactly(60, 61);
  }

  @Test
  void invalidLocalValueOrDoubleBindingIsAProgrammingError() {
    assertThatThrownBy(() -> config.bind(TTL, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("captcha.ttlSeconds");
    config.bind(TTL, 77);
    assertThatThrownBy(() -> config.bind(TTL, 77)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GlobalConfig("test/config", "global"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
