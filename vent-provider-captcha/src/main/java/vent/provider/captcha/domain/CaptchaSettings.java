package vent.provider.captcha.domain;

import java.time.Duration;

/**
 * What the captcha use cases are configured with.
 *
 * @param ttl how long an answer is kept; positive
 * @param testAnswer when non-empty, every captcha's answer (for automated tests only); empty in
 *     production
 */
public record CaptchaSettings(Duration ttl, String testAnswer) {

  public CaptchaSettings {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("captcha ttl must be positive");
    }
    testAnswer = testAnswer == null ? "" : testAnswer.strip();
  }

  /** @return true when every captcha gets {@link #testAnswer()} */
  public boolean testMode() {
    return !testAnswer.isEmpty();
  }
}
