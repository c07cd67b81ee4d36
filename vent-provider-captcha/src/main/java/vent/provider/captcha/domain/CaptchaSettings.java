package vent.provider.captcha.domain;

import java.time.Duration;

/**
 * What the captcha use cases are configured with when a captcha is made (a new value per captcha
 * when they come from the global configuration).
 *
 * @param ttl how long an answer is kept; positive
 * @param testAnswer when non-empty, every captcha's answer (for automated tests only); empty in
 *     production
 * @param length characters of a generated answer, 1 or more
 * @param width image width, pixels, 1 or more
 * @param height image height, pixels, 1 or more
 */
public record CaptchaSettings(Duration ttl, String testAnswer, int length, int width, int height) {

  /**
   * Answer length of {@link CaptchaUseCases#ANSWER_LENGTH}, image size of {@link CaptchaRenderer}.
   */
  public CaptchaSettings(Duration ttl, String testAnswer) {
    this(
        ttl,
        testAnswer,
        CaptchaUseCases.ANSWER_LENGTH,
        CaptchaRenderer.WIDTH,
        CaptchaRenderer.HEIGHT);
  }

  public CaptchaSettings {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("captcha ttl must be positive");
    }
    if (length < 1 || width < 1 || height < 1) {
      throw new IllegalArgumentException("captcha length, width and height must be positive");
    }
    testAnswer = testAnswer == null ? "" : testAnswer.strip();
  }

  /**
   * @return true when every captcha gets {@link #testAnswer()}
   */
  public boolean testMode() {
    return !testAnswer.isEmpty();
  }
}
