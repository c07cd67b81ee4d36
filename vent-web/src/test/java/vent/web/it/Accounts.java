package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Registers users through the REST API, the way a client app does (captcha first). */
final class Accounts {

  static final String PASSWORD = "correct horse battery";

  /** A registered user: id, username and the tokens the registration returned. */
  record Account(String id, String username, String accessToken, String refreshToken) {}

  /** Every token the tests were issued through {@link #register}: none may appear in a log. */
  static final java.util.Queue<String> ISSUED_TOKENS =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private Accounts() {}

  /** A username no other test uses (3-30 chars of [a-z0-9_]). */
  static String uniqueName(String prefix) {
    return prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }

  static String newCaptcha(Rest rest) {
    Rest.Response captcha = rest.post("/captchas", Rest.obj(), null);
    assertThat(captcha.status()).as(captcha.raw()).isEqualTo(201);
    return captcha.json().get("id").asText();
  }

  /** {@code n} new accounts named {@code <prefix><i>-...}, registered one after another. */
  static List<Account> registerMany(Rest rest, String prefix, int n) {
    List<Account> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(register(rest, uniqueName(prefix + i)));
    }
    return out;
  }

  static Account register(Rest rest, String username) {
    Rest.Response r =
        rest.post(
            "/users",
            Rest.obj(
                "username",
                username,
                "password",
                PASSWORD,
                "displayName",
                "Name of " + username,
                "captchaId",
                newCaptcha(rest),
                "captchaAnswer",
                Stack.CAPTCHA_ANSWER),
            null);
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    JsonNode body = r.json();
    ISSUED_TOKENS.add(body.get("accessToken").asText());
    ISSUED_TOKENS.add(body.get("refreshToken").asText());
    return new Account(
        body.get("user").get("id").asText(),
        username,
        body.get("accessToken").asText(),
        body.get("refreshToken").asText());
  }
}
