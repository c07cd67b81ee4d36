package vent.provider.captcha.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import vent.common.config.ProviderConfig;
import vent.provider.captcha.domain.CaptchaSettings;

/**
 * Configuration of vent-provider-captcha: the common provider settings plus
 * {@code captcha: {ttlSeconds: 120, testAnswer: ""}} (defaults and environment variables in
 * {@code config.yml}).
 */
public class CaptchaProviderConfig extends ProviderConfig {

  @JsonProperty public CaptchaSection captcha = new CaptchaSection();

  /** The {@code captcha} section. */
  public static class CaptchaSection {
    /** How long an answer is kept, seconds; positive. */
    @JsonProperty public int ttlSeconds = 120;
    /**
     * When non-empty, every captcha's answer (automated tests only; never in production).
     * Environment: {@code VENT_CAPTCHA_TEST_ANSWER}.
     */
    @JsonProperty public String testAnswer = "";
  }

  /**
   * Checks what the YAML binding cannot.
   *
   * @throws IllegalArgumentException naming the first bad setting
   */
  public void validate() {
    if (application == null || application.isBlank()) {
      throw new IllegalArgumentException("application must be set");
    }
    if (server.port < 1 || server.port > 65535) {
      throw new IllegalArgumentException("server.port must be 1-65535, got " + server.port);
    }
    if (redis.address == null || redis.address.isBlank()) {
      throw new IllegalArgumentException("redis.address must be set");
    }
    if (redis.password == null) {
      redis.password = "";
    }
    if (captcha.ttlSeconds < 1) {
      throw new IllegalArgumentException("captcha.ttlSeconds must be positive, got " + captcha.ttlSeconds);
    }
  }

  /** @return the domain's view of the {@code captcha} section */
  public CaptchaSettings captchaSettings() {
    return new CaptchaSettings(Duration.ofSeconds(captcha.ttlSeconds), captcha.testAnswer);
  }
}
