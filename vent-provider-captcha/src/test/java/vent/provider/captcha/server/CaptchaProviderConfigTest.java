package vent.provider.captcha.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vent.common.config.ConfigLoader;

class CaptchaProviderConfigTest {

  private static String bundledYaml() throws IOException {
    try (InputStream in = CaptchaProviderConfig.class.getResourceAsStream("/config.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void defaultsHaveNoTestAnswer() throws IOException {
    CaptchaProviderConfig cfg = ConfigLoader.parse(bundledYaml(), CaptchaProviderConfig.class, Map.of());
    cfg.validate();
    assertThat(cfg.application).isEqualTo("vent-provider-captcha");
    assertThat(cfg.server.port).isEqualTo(20910);
    assertThat(cfg.redis.password).isEmpty();
    assertThat(cfg.captchaSettings().ttl()).isEqualTo(Duration.ofSeconds(120));
    assertThat(cfg.captchaSettings().testMode()).isFalse();
  }

  @Test
  void environmentSetsTtlAndTestAnswer() throws IOException {
    CaptchaProviderConfig cfg = ConfigLoader.parse(bundledYaml(), CaptchaProviderConfig.class,
        Map.of("VENT_CAPTCHA_TTL_SECONDS", "5", "VENT_CAPTCHA_TEST_ANSWER", "abcde", "VENT_PORT", "21000"));
    cfg.validate();
    assertThat(cfg.server.port).isEqualTo(21000);
    assertThat(cfg.captchaSettings().ttl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(cfg.captchaSettings().testAnswer()).isEqualTo("abcde");
  }

  @Test
  void nonPositiveTtlIsRejected() throws IOException {
    CaptchaProviderConfig cfg = ConfigLoader.parse(bundledYaml(), CaptchaProviderConfig.class,
        Map.of("VENT_CAPTCHA_TTL_SECONDS", "0"));
    assertThatThrownBy(cfg::validate).hasMessageContaining("captcha.ttlSeconds");
  }
}
