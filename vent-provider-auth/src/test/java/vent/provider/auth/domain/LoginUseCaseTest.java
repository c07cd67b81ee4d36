package vent.provider.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.provider.auth.domain.VentAssertions.assertFails;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

class LoginUseCaseTest extends RedisTestBase {

  @Test
  void logsInCaseInsensitivelyAndOpensANewSession() throws Exception {
    Registration reg = fx.registered("alice");

    Tokens tokens = fx.login().login("Alice", AuthFixture.PASSWORD, "10.0.0.1");

    assertThat(tokens.sessionId()).isNotEqualTo(reg.tokens().sessionId()).hasSize(32);
    var claims = SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(reg.user().id());
    assertThat(claims.getStringClaim("sid")).isEqualTo(tokens.sessionId());
    assertThat(fx.refresh().refresh(tokens.refreshToken()).sessionId())
        .isEqualTo(tokens.sessionId());
  }

  @Test
  void wrongPasswordAndUnknownUserFailAlikeAndCostOneVerificationEach() {
    fx.registered("alice");
    fx.verifications.set(0);

    VentException wrong =
        assertFails(
            () -> fx.login().login("alice", "wrong password", ""),
            ErrorKind.UNAUTHENTICATED,
            "INVALID_CREDENTIALS");
    assertThat(fx.verifications).hasValue(1);
    VentException unknown =
        assertFails(
            () -> fx.login().login("nobody", AuthFixture.PASSWORD, ""),
            ErrorKind.UNAUTHENTICATED,
            "INVALID_CREDENTIALS");
    assertThat(fx.verifications).hasValue(2);

    assertThat(unknown.detail()).isEqualTo(wrong.detail());
  }

  @Test
  void overlongPasswordIsJustWrong() {
    fx.registered("alice");
    assertFails(
        () -> fx.login().login("alice", AuthFixture.PASSWORD + "x".repeat(80), ""),
        ErrorKind.UNAUTHENTICATED,
        "INVALID_CREDENTIALS");
  }

  @Test
  void emptyFieldsAreMissing() {
    assertFails(() -> fx.login().login("", "x", ""), ErrorKind.INVALID_ARGUMENT, "MISSING_FIELD");
    assertFails(
        () -> fx.login().login("alice", "", ""), ErrorKind.INVALID_ARGUMENT, "MISSING_FIELD");
  }

  @Test
  void afterThreeFailuresForAUsernameACaptchaIsRequiredAndTheRightPasswordAloneIsRefused() {
    fx.registered("alice");
    for (String ip : new String[] {"10.0.0.1", "10.0.0.2", "10.0.0.3"}) {
      assertFails(
          () -> fx.login().login("alice", "wrong password", ip),
          ErrorKind.UNAUTHENTICATED,
          "INVALID_CREDENTIALS");
    }
    fx.verifications.set(0);

    assertFails(
        () -> fx.login().login("ALICE", AuthFixture.PASSWORD, "10.9.9.9"),
        ErrorKind.FAILED_PRECONDITION,
        "CAPTCHA_REQUIRED");
    assertThat(fx.verifications).as("no bcrypt work without the captcha").hasValue(0);

    String wrong = fx.captchas.issue("abcd");
    assertFails(
        () ->
            fx.login()
                .login(new LoginCommand("alice", AuthFixture.PASSWORD, "10.9.9.9", wrong, "zzzz")),
        ErrorKind.INVALID_ARGUMENT,
        "CAPTCHA_INVALID");
    assertFails(
        () ->
            fx.login()
                .login(new LoginCommand("alice", AuthFixture.PASSWORD, "10.9.9.9", wrong, "abcd")),
        ErrorKind.INVALID_ARGUMENT,
        "CAPTCHA_INVALID");

    String right = fx.captchas.issue("abcd");
    assertThat(
            fx.login()
                .login(new LoginCommand("alice", AuthFixture.PASSWORD, "10.9.9.9", right, "abcd"))
                .sessionId())
        .hasSize(32);
    assertThat(fx.login().login("alice", AuthFixture.PASSWORD, "10.9.9.9").sessionId())
        .as("a successful login forgets the username's failures")
        .hasSize(32);
  }

  @Test
  void afterThreeFailuresFromAnIpEveryUsernameFromItNeedsACaptcha() {
    fx.registered("alice");
    fx.registered("bob");
    for (String name : new String[] {"carol", "dave", "erin"}) {
      assertFails(
          () -> fx.login().login(name, "guess-123", "203.0.113.7"),
          ErrorKind.UNAUTHENTICATED,
          "INVALID_CREDENTIALS");
    }

    assertFails(
        () -> fx.login().login("bob", AuthFixture.PASSWORD, "203.0.113.7"),
        ErrorKind.FAILED_PRECONDITION,
        "CAPTCHA_REQUIRED");
    assertThat(fx.login().login("bob", AuthFixture.PASSWORD, "203.0.113.8").sessionId())
        .as("another address")
        .hasSize(32);

    String captcha = fx.captchas.issue("abcd");
    assertThat(
            fx.login()
                .login(
                    new LoginCommand("alice", AuthFixture.PASSWORD, "203.0.113.7", captcha, "abcd"))
                .sessionId())
        .hasSize(32);
    assertFails(
        () -> fx.login().login("bob", AuthFixture.PASSWORD, "203.0.113.7"),
        ErrorKind.FAILED_PRECONDITION,
        "CAPTCHA_REQUIRED");
  }

  @Test
  void twoFailuresDoNotRequireACaptchaAndAnUnneededCaptchaStaysUnspent() {
    fx.registered("alice");
    for (int i = 0; i < 2; i++) {
      assertFails(
          () -> fx.login().login("alice", "wrong password", "10.0.0.1"),
          ErrorKind.UNAUTHENTICATED,
          "INVALID_CREDENTIALS");
    }
    String captcha = fx.captchas.issue("abcd");
    fx.captchas.calls.set(0);

    assertThat(
            fx.login()
                .login(new LoginCommand("alice", AuthFixture.PASSWORD, "10.0.0.1", captcha, "abcd"))
                .sessionId())
        .hasSize(32);
    assertThat(fx.captchas.calls).hasValue(0);
  }
}
