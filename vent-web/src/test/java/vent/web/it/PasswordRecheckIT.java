package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * The password checks of a signed-in user on the real stack: wrong passwords on {@code PUT
 * /me/password} and {@code DELETE /me} count with the user's failed logins, and after 3 both need a
 * solved captcha (400 CAPTCHA_REQUIRED / CAPTCHA_INVALID), so a stolen access token cannot guess
 * the password at the route's rate. A token in the query string authenticates nothing.
 */
@SharedStack
class PasswordRecheckIT {

  private static String api;

  @BeforeAll
  static void stack(Stack stack) {
    api = stack.api();
  }

  @Test
  void threeWrongCurrentPasswordsRequireACaptchaOnEveryPasswordCheck() {
    Rest rest = new Rest(api);
    Account me = Accounts.register(rest, Accounts.uniqueName("recheck"));
    for (int i = 0; i < 3; i++) {
      problem(
          rest.send(
              "PUT",
              "/me/password",
              change("guess-" + i, null),
              "application/json",
              me.accessToken()),
          401,
          "INVALID_CREDENTIALS");
    }

    problem(
        rest.send(
            "PUT",
            "/me/password",
            change(Accounts.PASSWORD, null),
            "application/json",
            me.accessToken()),
        400,
        "CAPTCHA_REQUIRED");
    problem(
        rest.send(
            "DELETE",
            "/me",
            Rest.obj("password", Accounts.PASSWORD).toString(),
            "application/json",
            me.accessToken()),
        400,
        "CAPTCHA_REQUIRED");
    problem(
        rest.post(
            "/sessions", Rest.obj("username", me.username(), "password", Accounts.PASSWORD), null),
        400,
        "CAPTCHA_REQUIRED");
    problem(
        rest.send(
            "PUT",
            "/me/password",
            change(Accounts.PASSWORD, "not-" + Stack.CAPTCHA_ANSWER),
            "application/json",
            me.accessToken()),
        400,
        "CAPTCHA_INVALID");

    Rest.Response changed =
        rest.send(
            "PUT",
            "/me/password",
            change(Accounts.PASSWORD, Stack.CAPTCHA_ANSWER),
            "application/json",
            me.accessToken());
    assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
    Accounts.ISSUED_TOKENS.add(changed.json().get("accessToken").asText());
    Accounts.ISSUED_TOKENS.add(changed.json().get("refreshToken").asText());
    Rest.Response login =
        rest.post(
            "/sessions",
            Rest.obj("username", me.username(), "password", "another passphrase"),
            null);
    assertThat(login.status())
        .as("a confirmed password forgets the failures: " + login.raw())
        .isEqualTo(200);
    Accounts.ISSUED_TOKENS.add(login.json().get("accessToken").asText());
    Accounts.ISSUED_TOKENS.add(login.json().get("refreshToken").asText());
  }

  @Test
  void aTokenInTheQueryStringIsNotAccepted() {
    Rest rest = new Rest(api);
    Account me = Accounts.register(rest, Accounts.uniqueName("querytok"));
    problem(rest.get("/me?access_token=" + me.accessToken(), null), 401, "UNAUTHENTICATED");
    assertThat(rest.get("/me", me.accessToken()).status()).isEqualTo(200);
  }

  /**
   * A PUT /me/password body to "another passphrase", with a fresh captcha when {@code answer} is
   * set.
   */
  private String change(String current, String answer) {
    var body = Rest.obj("currentPassword", current, "newPassword", "another passphrase");
    if (answer != null) {
      body.put("captchaId", Accounts.newCaptcha(new Rest(api))).put("captchaAnswer", answer);
    }
    return body.toString();
  }

  private static void problem(Rest.Response r, int status, String code) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("code").asText()).as(r.raw()).isEqualTo(code);
  }
}
