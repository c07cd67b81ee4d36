package vent.provider.captcha.service;

import com.google.protobuf.ByteString;
import dev.vent.captcha.v1.Captcha;
import dev.vent.captcha.v1.CreateCaptchaRequest;
import dev.vent.captcha.v1.DubboCaptchaServiceTriple;
import dev.vent.captcha.v1.VerifyCaptchaRequest;
import dev.vent.captcha.v1.VerifyCaptchaResponse;
import vent.provider.captcha.domain.CaptchaUseCases;
import vent.provider.captcha.domain.NewCaptcha;

/**
 * Triple adapter of {@code vent.captcha.v1.CaptchaService}: converts protobuf messages and
 * delegates to {@link CaptchaUseCases}. VerifyCaptcha answers INVALID_ARGUMENT (MISSING_FIELD) for
 * an empty id or answer, through the provider's error filter.
 */
public final class CaptchaServiceImpl extends DubboCaptchaServiceTriple.CaptchaServiceImplBase {

  private final CaptchaUseCases captchas;

  public CaptchaServiceImpl(CaptchaUseCases captchas) {
    this.captchas = captchas;
  }

  @Override
  public Captcha createCaptcha(CreateCaptchaRequest request) {
    NewCaptcha c = captchas.create();
    return Captcha.newBuilder()
        .setId(c.id())
        .setPng(ByteString.copyFrom(c.png()))
        .setExpiresAtMs(c.expiresAtMs())
        .build();
  }

  @Override
  public VerifyCaptchaResponse verifyCaptcha(VerifyCaptchaRequest request) {
    return VerifyCaptchaResponse.newBuilder()
        .setValid(captchas.verify(request.getId(), request.getAnswer()))
        .build();
  }
}
