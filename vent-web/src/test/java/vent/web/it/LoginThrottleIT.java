package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * Brute-force protection through the REST API: after 3 failed logins for a username, or from one
 * client address, within 15 minutes, {@code POST /sessions} answers 400 CAPTCHA_REQUIRED until the
 * client sends a solved captcha with the attempt.
 */
@SharedStack
class LoginThrottleIT {

  private static String api;

  @BeforeAll
  static void stack(Stack stack) {
    api = stack.api();
  }

  @Test
  void threeWrongPasswordsForAUsernameRequireACaptchaFromAnyAddress() {
    Account victim = Accounts.register(new Rest(api), Accounts.uniqueName("victim"));
    Rest attacker = new Rest(api);
    for (int i = 0; i < 3; i++) {
      problem(
          attacker.post(
              "/sessions", Rest.obj("username", victim.username(), "password", "guess-" + i), null),
          401,
          "INVALID_CREDENTIALS");
    }

    Rest owner = new Rest(api);
    Rest.Response refused =
        owner.post(
            "/sessions",
            Rest.obj("username", victim.username(), "password", Accounts.PASSWORD),
            null);
    problem(refused, 400, "CAPTCHA_REQUIRED");

    Rest.Response wrongCaptcha =
        owner.post(
            "/sessions",
            Rest.obj(
                "username",
                victim.username(),
                "password",
                Accounts.PASSWORD,
                "captchaId",
                Accounts.newCaptcha(owner),
                "captchaAnswer",
                "not-" + Stack.CAPTCHA_ANSWER),
            null);
    problem(wrongCaptcha, 400, "CAPTCHA_INVALID");

    Rest.Response solved =
        owner.post(
            "/sessions",
            Rest.obj(
                "username",
                victim.username(),
                "password",
                Accounts.PASSWORD,
                "captchaId",
                Accounts.newCaptcha(owner),
                "captchaAnswer",
                Stack.CAPTCHA_ANSWER),
            null);
    assertThat(solved.status()).as(solved.raw()).isEqualTo(200);
    Accounts.ISSUED_TOKENS.add(solved.json().get("accessToken").asText());
    Accounts.ISSUED_TOKENS.add(solved.json().get("refreshToken").asText());

    Rest.Response plain =
        owner.post(
            "/sessions",
            Rest.obj("username", victim.username(), "password", Accounts.PASSWORD),
            null);
    assertThat(plain.status())
        .as("a successful login clears the username's failures: " + plain.raw())
        .isEqualTo(200);
    Accounts.ISSUED_TOKENS.add(plain.json().get("accessToken").asText());
    Accounts.ISSUED_TOKENS.add(plain.json().get("refreshToken").asText());
  }

  @Test
  void threeFailuresFromOneAddressRequireACaptchaForEveryUsernameFromIt() {
    Account someone = Accounts.register(new Rest(api), Accounts.uniqueName("someone"));
    Rest sprayer = new Rest(api);
    for (int i = 0; i < 3; i++) {
      problem(
          sprayer.post(
              "/sessions",
              Rest.obj("username", Accounts.uniqueName("nobody"), "password", "Password1"),
              null),
          401,
          "INVALID_CREDENTIALS");
    }

    problem(
        sprayer.post(
            "/sessions",
            Rest.obj("username", someone.username(), "password", Accounts.PASSWORD),
            null),
        400,
        "CAPTCHA_REQUIRED");
    Rest.Response elsewhere =
        new Rest(api)
            .post(
                "/sessions",
                Rest.obj("username", someone.username(), "password", Accounts.PASSWORD),
                null);
    assertThat(elsewhere.status())
        .as("another address is not throttled: " + elsewhere.raw())
        .isEqualTo(200);
    Accounts.ISSUED_TOKENS.add(elsewhere.json().get("accessToken").asText());
    Accounts.ISSUED_TOKENS.add(elsewhere.json().get("refreshToken").asText());
  }

  private static void problem(Rest.Response r, int status, String code) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("code").asText()).isEqualTo(code);
  }
}
