package vent.provider.captcha.server;

import dev.vent.captcha.v1.CaptchaService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.dubbo.ProviderMain;
import vent.provider.captcha.domain.CaptchaSettings;
import vent.provider.captcha.domain.CaptchaUseCases;
import vent.provider.captcha.image.HutoolCaptchaRenderer;
import vent.provider.captcha.service.CaptchaServiceImpl;
import vent.provider.captcha.store.RedisCaptchaRepository;

/**
 * Starts vent-provider-captcha: {@code java -jar vent-provider-captcha.jar [config.yml]}. Exit
 * codes and start-up order: {@link ProviderMain}; a machine without a usable font fails at start.
 */
public final class CaptchaProviderMain {

  private static final Logger LOG = LoggerFactory.getLogger(CaptchaProviderMain.class);

  private CaptchaProviderMain() {}

  public static void main(String[] args) throws InterruptedException {
    // Images are drawn with AWT; a server has no display.
    System.setProperty("java.awt.headless", "true");
    ProviderMain.run(
        args,
        CaptchaProviderConfig.class,
        (config, server, redis) -> {
          CaptchaSettings settings = config.captchaSettings();
          if (settings.testMode()) {
            LOG.warn(
                "event=captcha_test_answer_enabled application={} detail=\"every captcha has the answer from "
                    + "VENT_CAPTCHA_TEST_ANSWER; for automated tests only, never set this in production\"",
                config.application);
          }
          HutoolCaptchaRenderer renderer = new HutoolCaptchaRenderer();
          // Fail at start-up, not on the first call, when AWT has no usable font.
          renderer.renderPng("check");
          CaptchaUseCases captchas =
              new CaptchaUseCases(
                  new RedisCaptchaRepository(redis),
                  renderer,
                  config.liveCaptchaSettings(server.globalConfig()),
                  Clock.systemUTC());
          server.provide(CaptchaService.class, new CaptchaServiceImpl(captchas));
        },
        null);
  }
}
