package vent.provider.auth.client;

import dev.vent.captcha.v1.CaptchaService;
import dev.vent.captcha.v1.VerifyCaptchaRequest;
import java.util.function.Supplier;
import vent.common.dubbo.RpcErrors;
import vent.provider.auth.domain.CaptchaVerifier;

/** {@link CaptchaVerifier} over the captcha service's Triple API. */
public final class DubboCaptchaVerifier implements CaptchaVerifier {

  private final Supplier<CaptchaService> captchas;

  /**
   * @param captchas the reference's proxy, resolved at the first call (after the node started)
   */
  public DubboCaptchaVerifier(Supplier<CaptchaService> captchas) {
    this.captchas = captchas;
  }

  @Override
  public boolean verify(String captchaId, String answer) {
    try {
      return captchas
          .get()
          .verifyCaptcha(
              VerifyCaptchaRequest.newBuilder().setId(captchaId).setAnswer(answer).build())
          .getValid();
    } catch (RuntimeException e) {
      throw RpcErrors.toVentException(e);
    }
  }
}
