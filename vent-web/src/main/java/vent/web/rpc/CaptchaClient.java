package vent.web.rpc;

import dev.vent.captcha.v1.Captcha;
import dev.vent.captcha.v1.CaptchaService;
import dev.vent.captcha.v1.CreateCaptchaRequest;
import vent.common.error.RequestChecks;

/**
 * The captcha provider as vent-web uses it (verification happens inside the auth provider). Throws
 * {@link vent.common.error.VentException} UNAVAILABLE / DEPENDENCY_UNAVAILABLE when it cannot be
 * reached.
 */
public final class CaptchaClient {

  private final CaptchaService captchas;

  public CaptchaClient(CaptchaService captchas) {
    // Every request is checked against the IDL's field rules before it leaves.
    this.captchas = RequestChecks.checking(CaptchaService.class, captchas);
  }

  /** A new captcha: id, PNG and expiry. */
  public Captcha create() {
    return Rpc.call(() -> captchas.createCaptcha(CreateCaptchaRequest.getDefaultInstance()));
  }
}
