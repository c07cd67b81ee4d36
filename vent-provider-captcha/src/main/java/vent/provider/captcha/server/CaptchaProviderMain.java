package vent.provider.captcha.server;

import java.time.Clock;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.captcha.v1.CaptchaService;
import vent.common.config.ConfigLoader;
import vent.common.dubbo.ProviderServer;
import vent.common.redis.RedissonFactory;
import vent.provider.captcha.domain.CaptchaSettings;
import vent.provider.captcha.domain.CaptchaUseCases;
import vent.provider.captcha.image.HutoolCaptchaRenderer;
import vent.provider.captcha.service.CaptchaServiceImpl;
import vent.provider.captcha.store.RedisCaptchaRepository;

/**
 * Starts vent-provider-captcha: {@code java -jar vent-provider-captcha.jar [config.yml]}. Exits
 * with status 2 and one log line when the configuration is invalid, 1 when start-up fails (no
 * usable font, Redis or Consul unreachable).
 */
public final class CaptchaProviderMain {

  private static final Logger LOG = LoggerFactory.getLogger(CaptchaProviderMain.class);
  private static final String APP = "vent-provider-captcha";

  private CaptchaProviderMain() {}

  public static void main(String[] args) throws InterruptedException {
    // Images are drawn with AWT; a server has no display.
    System.setProperty("java.awt.headless", "true");
    CaptchaProviderConfig cfg;
    CaptchaSettings settings;
    try {
      cfg = ConfigLoader.load(args, CaptchaProviderConfig.class);
      cfg.validate();
      settings = cfg.captchaSettings();
    } catch (RuntimeException e) {
      LOG.error("event=config_invalid application={} error=\"{}\"", APP, oneLine(e));
      System.exit(2);
      return;
    }
    if (settings.testMode()) {
      LOG.warn("event=captcha_test_answer_enabled application={} detail=\"every captcha has the answer from "
          + "VENT_CAPTCHA_TEST_ANSWER; for automated tests only, never set this in production\"", APP);
    }
    ProviderServer server;
    try {
      HutoolCaptchaRenderer renderer = new HutoolCaptchaRenderer();
      // Fail at start-up, not on the first call, when AWT has no usable font.
      renderer.renderPng("check");
      server = new ProviderServer(cfg);
      RedissonClient redis = RedissonFactory.create(cfg.redis);
      server.closeOnStop(redis::shutdown);
      CaptchaUseCases captchas = new CaptchaUseCases(
          new RedisCaptchaRepository(redis), renderer, settings, Clock.systemUTC());
      server.provide(CaptchaService.class, new CaptchaServiceImpl(captchas)).start();
    } catch (RuntimeException | Error e) {
      LOG.error("event=provider_start_failed application={} error=\"{}\"", APP, oneLine(e));
      System.exit(1);
      return;
    }
    server.awaitTermination();
  }

  private static String oneLine(Throwable e) {
    String msg = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    return msg.replaceAll("[\\r\\n]+", " ").replace('"', '\'');
  }
}
