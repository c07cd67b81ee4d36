package vent.provider.captcha.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.function.Supplier;
import vent.common.config.ProviderConfig;
import vent.common.config.global.ConfigKeys;
import vent.common.config.global.GlobalConfig;
import vent.common.config.global.Live;
import vent.provider.captcha.domain.CaptchaRenderer;
import vent.provider.captcha.domain.CaptchaSettings;
import vent.provider.captcha.domain.CaptchaUseCases;

/**
 * Configuration of vent-provider-captcha: the common provider settings plus {@code captcha:
 * {ttlSeconds: 120, testAnswer: "", length: 5, width: 160, height: 60}} (defaults and environment
 * variables in {@code config.yml}); all but {@code testAnswer} are the local layer of the global
 * configuration (docs/CONFIG.md).
 */
public class CaptchaProviderConfig extends ProviderConfig {

  @Valid @NotNull @JsonProperty public CaptchaSection captcha = new CaptchaSection();

  /** The {@code captcha} section. */
  public static class CaptchaSection {
    /** How long an answer is kept, seconds; positive. */
    @Min(value = 1, message = "must be positive")
    @JsonProperty
    public int ttlSeconds = 120;

    /**
     * When non-empty, every captcha's answer (automated tests only; never in production).
     * Environment: {@code VENT_CAPTCHA_TEST_ANSWER}.
     */
    @JsonProperty public String testAnswer = "";

    /**
     * Characters of a generated answer (global configuration {@code captcha.length} overrides it).
     */
    @JsonProperty public int length = CaptchaUseCases.ANSWER_LENGTH;

    /** Image width, pixels ({@code captcha.width} in Consul overrides it). */
    @JsonProperty public int width = CaptchaRenderer.WIDTH;

    /** Image height, pixels ({@code captcha.height} in Consul overrides it). */
    @JsonProperty public int height = CaptchaRenderer.HEIGHT;
  }

  /**
   * @return the domain's view of the {@code captcha} section
   */
  public CaptchaSettings captchaSettings() {
    return new CaptchaSettings(Duration.ofSeconds(captcha.ttlSeconds), captcha.testAnswer);
  }

  /**
   * The captcha settings in force, layered over Consul KV by {@code global}: the supplier builds
   * them from the live values for each captcha.
   *
   * @throws IllegalArgumentException if a YAML value is outside its key's range
   */
  public Supplier<CaptchaSettings> liveCaptchaSettings(GlobalConfig global) {
    Live<Integer> ttl = global.bind(ConfigKeys.CAPTCHA_TTL_SECONDS, captcha.ttlSeconds);
    Live<Integer> length = global.bind(ConfigKeys.CAPTCHA_LENGTH, captcha.length);
    Live<Integer> width = global.bind(ConfigKeys.CAPTCHA_WIDTH, captcha.width);
    Live<Integer> height = global.bind(ConfigKeys.CAPTCHA_HEIGHT, captcha.height);
    String testAnswer = captcha.testAnswer;
    return () ->
        new CaptchaSettings(
            Duration.ofSeconds(ttl.get()), testAnswer, length.get(), width.get(), height.get());
  }
}
