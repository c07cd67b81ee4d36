package vent.web.api;

import dev.vent.captcha.v1.Captcha;
import java.time.Instant;
import java.util.Base64;

/**
 * A new captcha: {@code {id, image, expiresAt}}.
 *
 * @param id send back as {@code captchaId}
 * @param image {@code data:image/png;base64,...} (160x60 PNG)
 * @param expiresAt ISO-8601 UTC instant after which the answer is forgotten
 */
public record CaptchaJson(String id, String image, String expiresAt) {

  public static CaptchaJson of(Captcha captcha) {
    return new CaptchaJson(
        captcha.getId(),
        "data:image/png;base64,"
            + Base64.getEncoder().encodeToString(captcha.getPng().toByteArray()),
        Instant.ofEpochMilli(captcha.getExpiresAtMs()).toString());
  }
}
