package vent.provider.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.provider.auth.domain.VentAssertions.assertFails;

import org.junit.jupiter.api.Test;
import vent.common.error.ErrorKind;

class ChangePasswordUseCaseTest extends RedisTestBase {

  private static final String NEW_PASSWORD = "a new passphrase";

  @Test
  void storesTheNewPasswordRevokesEverySessionAndOpensANewOne() {
    Registration reg = fx.registered("alice");
    Tokens other = fx.login().login("alice", AuthFixture.PASSWORD, "");
    String userId = reg.user().id();

    Tokens fresh = fx.changePassword().change(userId, AuthFixture.PASSWORD, NEW_PASSWORD);

    assertFails(
        () -> fx.refresh().refresh(reg.tokens().refreshToken()),
        ErrorKind.UNAUTHENTICATED,
        "REFRESH_TOKEN_INVALID");
    assertFails(
        () -> fx.refresh().refresh(other.refreshToken()),
        ErrorKind.UNAUTHENTICATED,
        "REFRESH_TOKEN_INVALID");
    assertThat(fx.refresh().refresh(fresh.refreshToken()).sessionId()).isEqualTo(fresh.sessionId());
    assertFails(
        () -> fx.login().login("alice", AuthFixture.PASSWORD, ""),
        ErrorKind.UNAUTHENTICATED,
        "INVALID_CREDENTIALS");
    assertThat(fx.login().login("alice", NEW_PASSWORD, "").sessionId()).hasSize(32);
  }

  @Test
  void wrongCurrentPasswordChangesNothing() {
    Registration reg = fx.registered("alice");

    assertFails(
        () -> fx.changePassword().change(reg.user().id(), "not my password", NEW_PASSWORD),
        ErrorKind.UNAUTHENTICATED,
        "INVALID_CREDENTIALS");

    assertThat(fx.refresh().refresh(reg.tokens().refreshToken()).sessionId())
        .isEqualTo(reg.tokens().sessionId());
    assertThat(fx.login().login("alice", AuthFixture.PASSWORD, "").sessionId()).hasSize(32);
  }

  @Test
  void invalidNewPasswordIsRefused() {
    Registration reg = fx.registered("alice");
    assertFails(
        () -> fx.changePassword().change(reg.user().id(), AuthFixture.PASSWORD, "short"),
        ErrorKind.INVALID_ARGUMENT,
        "INVALID_PASSWORD");
    assertFails(
        () -> fx.changePassword().change(reg.user().id(), AuthFixture.PASSWORD, "x".repeat(73)),
        ErrorKind.INVALID_ARGUMENT,
        "INVALID_PASSWORD");
  }

  @Test
  void unknownUserIsInvalidCredentials() {
    fx.verifications.set(0);
    assertFails(
        () -> fx.changePassword().change("424242", AuthFixture.PASSWORD, NEW_PASSWORD),
        ErrorKind.UNAUTHENTICATED,
        "INVALID_CREDENTIALS");
    assertThat(fx.verifications).hasValue(1);
  }

  @Test
  void staleCurrentVersionLosesTheRace() {
    Registration reg = fx.registered("alice");
    String userId = reg.user().id();
    long version = fx.credentials.findByUserId(userId).orElseThrow().version();
    assertThat(fx.credentials.replaceHash(userId, version, fx.hasher.hash(NEW_PASSWORD), 2L))
        .isTrue();

    assertThat(fx.credentials.replaceHash(userId, version, fx.hasher.hash("third password"), 3L))
        .isFalse();
    assertThat(fx.login().login("alice", NEW_PASSWORD, "").sessionId()).hasSize(32);
  }

  @Test
  void afterThreeWrongCurrentPasswordsACaptchaIsRequiredBeforeThePasswordIsChecked() {
    Registration reg = fx.registered("alice");
    String userId = reg.user().id();
    for (int i = 0; i < 3; i++) {
      assertFails(
          () -> fx.changePassword().change(userId, "guess number one", NEW_PASSWORD),
          ErrorKind.UNAUTHENTICATED,
          "INVALID_CREDENTIALS");
    }
    fx.verifications.set(0);

    assertFails(
        () -> fx.changePassword().change(userId, AuthFixture.PASSWORD, NEW_PASSWORD),
        ErrorKind.FAILED_PRECONDITION,
        "CAPTCHA_REQUIRED");
    assertThat(fx.verifications).as("no bcrypt work without the captcha").hasValue(0);
    String wrong = fx.captchas.issue("abcd");
    assertFails(
        () -> fx.changePassword().change(userId, AuthFixture.PASSWORD, NEW_PASSWORD, wrong, "zzzz"),
        ErrorKind.INVALID_ARGUMENT,
        "CAPTCHA_INVALID");
    assertThat(fx.verifications).hasValue(0);

    String right = fx.captchas.issue("abcd");
    assertThat(
            fx.changePassword()
                .change(userId, AuthFixture.PASSWORD, NEW_PASSWORD, right, "abcd")
                .sessionId())
        .hasSize(32);
    assertThat(fx.changePassword().change(userId, NEW_PASSWORD, "a third passphrase").sessionId())
        .as("a confirmed password forgets the failures")
        .hasSize(32);
  }

  @Test
  void wrongCurrentPasswordsCountAsFailedLoginsOfTheUser() {
    Registration reg = fx.registered("alice");
    for (int i = 0; i < 3; i++) {
      assertFails(
          () -> fx.changePassword().change(reg.user().id(), "guess number one", NEW_PASSWORD),
          ErrorKind.UNAUTHENTICATED,
          "INVALID_CREDENTIALS");
    }
    assertFails(
        () -> fx.login().login("alice", AuthFixture.PASSWORD, "10.0.0.1"),
        ErrorKind.FAILED_PRECONDITION,
        "CAPTCHA_REQUIRED");
  }
}
