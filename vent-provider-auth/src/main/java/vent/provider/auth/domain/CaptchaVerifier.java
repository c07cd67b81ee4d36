package vent.provider.auth.domain;

/** Port to the captcha service. */
public interface CaptchaVerifier {

  /**
   * Checks an answer and spends the captcha, whatever the outcome.
   *
   * @return false when the captcha is unknown, expired, spent or wrongly answered
   * @throws vent.common.error.VentException UNAVAILABLE when the captcha service cannot be reached
   */
  boolean verify(String captchaId, String answer);
}
