package vent.provider.captcha.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.captcha.v1.Captcha;
import dev.vent.captcha.v1.CreateCaptchaRequest;
import dev.vent.captcha.v1.VerifyCaptchaRequest;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.testing.RedisExtension;
import vent.provider.captcha.domain.CaptchaSettings;
import vent.provider.captcha.domain.CaptchaUseCases;
import vent.provider.captcha.image.HutoolCaptchaRenderer;
import vent.provider.captcha.store.RedisCaptchaRepository;

/** The whole provider minus Dubbo: adapter, use cases, hutool and the real Redis. */
class CaptchaServiceImplTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.NONE);

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static CaptchaServiceImpl service(int ttlSeconds, String testAnswer) {
    return new CaptchaServiceImpl(
        new CaptchaUseCases(
            new RedisCaptchaRepository(REDIS.client()),
            new HutoolCaptchaRenderer(),
            new CaptchaSettings(Duration.ofSeconds(ttlSeconds), testAnswer),
            Clock.systemUTC()));
  }

  private static boolean verify(CaptchaServiceImpl service, String id, String answer) {
    return service
        .verifyCaptcha(VerifyCaptchaRequest.newBuilder().setId(id).setAnswer(answer).build())
        .getValid();
  }

  @Test
  void createsARealImageAndVerifiesOnce() throws Exception {
    CaptchaServiceImpl service = service(120, "Te5tY");
    long before = System.currentTimeMillis();
    Captcha c = service.createCaptcha(CreateCaptchaRequest.getDefaultInstance());
    assertThat(c.getId()).matches("[0-9a-f]{32}");
    assertThat(c.getExpiresAtMs())
        .isBetween(before + 120_000, System.currentTimeMillis() + 120_000);
    var image = ImageIO.read(new ByteArrayInputStream(c.getPng().toByteArray()));
    assertThat(image.getWidth()).isEqualTo(160);
    assertThat(image.getHeight()).isEqualTo(60);
    assertThat(REDIS.client().getBucket("vent:captcha:" + c.getId()).get()).isEqualTo("te5ty");

    assertThat(verify(service, c.getId(), "TE5TY")).isTrue();
    assertThat(verify(service, c.getId(), "te5ty")).isFalse();
  }

  @Test
  void wrongAnswerSpendsIt() {
    CaptchaServiceImpl service = service(120, "right");
    Captcha c = service.createCaptcha(CreateCaptchaRequest.getDefaultInstance());
    assertThat(verify(service, c.getId(), "wrong")).isFalse();
    assertThat(verify(service, c.getId(), "right")).isFalse();
  }

  @Test
  void expiredCaptchaIsInvalid() throws InterruptedException {
    CaptchaServiceImpl service = service(1, "right");
    Captcha c = service.createCaptcha(CreateCaptchaRequest.getDefaultInstance());
    Thread.sleep(1300);
    assertThat(verify(service, c.getId(), "right")).isFalse();
  }

  @Test
  void randomAnswersAreStoredLowerCaseAndNotLeakedInTheResponse() {
    CaptchaServiceImpl service = service(120, "");
    Captcha c = service.createCaptcha(CreateCaptchaRequest.getDefaultInstance());
    String answer = (String) REDIS.client().getBucket("vent:captcha:" + c.getId()).get();
    assertThat(answer).matches("[a-z2-9]{5}");
    assertThat(verify(service, c.getId(), answer.toUpperCase())).isTrue();
  }
}
