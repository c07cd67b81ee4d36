package vent.web.rpc;

import vent.captcha.v1.Captcha;
import vent.captcha.v1.CaptchaService;
import vent.captcha.v1.CreateCaptchaRequest;

/**
 * The captcha provider as vent-web uses it (verification happens inside the auth provider).
 * Throws {@link vent.common.error.VentException} UNAVAILABLE / DEPENDENCY_UNAVAILABLE when it
 * cannot be reached.
 */
public final class CaptchaClient {

  private final CaptchaService captchas;

  public CaptchaClient(CaptchaService captchas) {
    this.captchas = captchas;
  }

  /** A new captcha: id, PNG and expiry. */
  public Captcha create() {
    return Rpc.call(() -> captchas.createCaptcha(CreateCaptchaRequest.getDefaultInstance()));
  }
}
