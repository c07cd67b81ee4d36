package vent.provider.captcha.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vent.common.config.ConfigLoader;
import vent.common.testing.LauncherEnv;

class CaptchaProviderConfigTest {

  private static String bundledYaml() throws IOException {
    try (InputStream in = CaptchaProviderConfig.class.getResourceAsStream("/config.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void defaultsHaveNoTestAnswer() throws IOException {
    CaptchaProviderConfig cfg =
        ConfigLoader.parse(bundledYaml(), CaptchaProviderConfig.class, LauncherEnv.with());
    assertThat(cfg.application).isEqualTo("vent-provider-captcha");
    assertThat(cfg.server.port).isEqualTo(21880);
    assertThat(cfg.redis.password).isEmpty();
    assertThat(cfg.captchaSettings().ttl()).isEqualTo(Duration.ofSeconds(120));
    assertThat(cfg.captchaSettings().testMode()).isFalse();
  }

  @Test
  void environmentSetsTtlAndTestAnswer() throws IOException {
    CaptchaProviderConfig cfg =
        ConfigLoader.parse(
            bundledYaml(),
            CaptchaProviderConfig.class,
            LauncherEnv.with(
                "VENT_CAPTCHA_TTL_SECONDS",
                "5",
                "VENT_CAPTCHA_TEST_ANSWER",
                "abcde",
                "VENT_PORT",
                "21000"));
    assertThat(cfg.server.port).isEqualTo(21000);
    assertThat(cfg.captchaSettings().ttl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(cfg.captchaSettings().testAnswer()).isEqualTo("abcde");
  }

  @Test
  void nonPositiveTtlIsRejected() throws IOException {
    String yaml = bundledYaml();
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    yaml,
                    CaptchaProviderConfig.class,
                    LauncherEnv.with("VENT_CAPTCHA_TTL_SECONDS", "0")))
        .hasMessage("invalid configuration: captcha.ttlSeconds must be positive, got 0");
  }
}
