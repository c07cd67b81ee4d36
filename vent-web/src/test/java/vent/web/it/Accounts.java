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

  /**
   * {@code n} new accounts named {@code <prefix><i>-...}, registered one after another, as the
   * fixtures of a test rather than its subject: a registration that a freshly started stack answers
   * with 503 (its RPC outlasted the timeout while the JVMs were still compiling; registration is
   * never retried by vent-web) is followed up the way a client app does, see {@link #recover}.
   */
  static List<Account> registerMany(Rest rest, String prefix, int n) {
    List<Account> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      String username = uniqueName(prefix + i);
      Rest.Response r = sendRegistration(rest, username);
      out.add(r.status() == 503 ? recover(rest, username, r) : account(username, r));
    }
    return out;
  }

  /**
   * After a 503 to a registration: logs in if the account was created after all, otherwise
   * registers once more with a new captcha. Printed as {@code event=registration_recovered}.
   */
  private static Account recover(Rest rest, String username, Rest.Response unavailable) {
    // The timed-out call may still be running in the provider: give it a few seconds to land,
    // within the three failed log-ins after which a captcha is asked for.
    Rest.Response login = logIn(rest, username);
    for (int tries = 1; login.status() == 401 && tries < 3; tries++) {
      sleep(2000);
      login = logIn(rest, username);
    }
    String how;
    Account account;
    if (login.status() == 200) {
      Rest.Response found = rest.get("/users?username=" + username, null);
      assertThat(found.status()).as(found.raw()).isEqualTo(200);
      JsonNode body = login.json();
      ISSUED_TOKENS.add(body.get("accessToken").asText());
      ISSUED_TOKENS.add(body.get("refreshToken").asText());
      account =
          new Account(
              found.json().get("id").asText(),
              username,
              body.get("accessToken").asText(),
              body.get("refreshToken").asText());
      how = "logged_in";
    } else {
      assertThat(login.status())
          .as("log-in after %s: %s", unavailable.raw(), login.raw())
          .isEqualTo(401);
      account = account(username, sendRegistration(rest, username));
      how = "registered_again";
    }
    System.out.printf(
        "event=registration_recovered username=%s how=%s first_answer=%s%n",
        username,
        how,
        unavailable.json() == null
            ? unavailable.raw()
            : unavailable.json().path("detail").asText());
    return account;
  }

  private static Rest.Response logIn(Rest rest, String username) {
    return rest.post("/sessions", Rest.obj("username", username, "password", PASSWORD), null);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Account register(Rest rest, String username) {
    return account(username, sendRegistration(rest, username));
  }

  private static Rest.Response sendRegistration(Rest rest, String username) {
    return rest.post(
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
  }

  /** The account a registration's 201 answer describes; fails on any other answer. */
  private static Account account(String username, Rest.Response r) {
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
