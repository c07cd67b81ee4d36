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
   * The common checks, then {@code captcha.ttlSeconds} > 0.
   *
   * @throws IllegalArgumentException naming the first bad setting
   */
  @Override
  public void validate() {
    super.validate();
    if (captcha.ttlSeconds < 1) {
      throw new IllegalArgumentException("captcha.ttlSeconds must be positive, got " + captcha.ttlSeconds);
    }
  }


  /** @return the domain's view of the {@code captcha} section */
  public CaptchaSettings captchaSettings() {
    return new CaptchaSettings(Duration.ofSeconds(captcha.ttlSeconds), captcha.testAnswer);
  }
}
