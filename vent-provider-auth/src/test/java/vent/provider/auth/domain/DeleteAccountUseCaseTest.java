package vent.provider.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.provider.auth.domain.VentAssertions.assertFails;

import org.junit.jupiter.api.Test;
import vent.common.error.ErrorKind;

class DeleteAccountUseCaseTest extends RedisTestBase {

  @Test
  void wrongPasswordDeletesNothing() {
    Registration reg = fx.registered("alice");
    assertFails(
        () -> fx.deleteAccount().delete(reg.user().id(), "not my password"),
        ErrorKind.UNAUTHENTICATED,
        "INVALID_CREDENTIALS");
    assertThat(fx.users.deleted).isEmpty();
    assertThat(fx.refresh().refresh(reg.tokens().refreshToken()).sessionId())
        .isEqualTo(reg.tokens().sessionId());
  }

  @Test
  void missingFieldsAreRefused() {
    Registration reg = fx.registered("alice");
    assertFails(
        () -> fx.deleteAccount().delete(reg.user().id(), ""),
        ErrorKind.INVALID_ARGUMENT,
        "MISSING_FIELD");
    assertFails(
        () -> fx.deleteAccount().delete("", "x"), ErrorKind.INVALID_ARGUMENT, "MISSING_FIELD");
    assertThat(fx.users.deleted).isEmpty();
  }

  @Test
  void rightPasswordDeletesTheUserAndTheEventCleansUpSessionsAndCredential() {
    Registration reg = fx.registered("alice");
    Tokens second = fx.login().login("alice", AuthFixture.PASSWORD, "");

    fx.deleteAccount().delete(reg.user().id(), AuthFixture.PASSWORD);
    assertThat(fx.users.deleted).containsExactly(reg.user().id());

    fx.accountRemoval().userDeleted(reg.user().id());
    fx.accountRemoval().userDeleted(reg.user().id());
    assertFails(
        () -> fx.refresh().refresh(reg.tokens().refreshToken()),
        ErrorKind.UNAUTHENTICATED,
        "REFRESH_TOKEN_INVALID");
    assertFails(
        () -> fx.refresh().refresh(second.refreshToken()),
        ErrorKind.UNAUTHENTICATED,
        "REFRESH_TOKEN_INVALID");
    assertFails(
        () -> fx.login().login("alice", AuthFixture.PASSWORD, ""),
        ErrorKind.UNAUTHENTICATED,
        "INVALID_CREDENTIALS");
    assertThat(fx.credentials.findByUserId(reg.user().id())).isEmpty();
  }

  @Test
  void aLateRemovalDoesNotTouchANewAccountWithTheSameUsername() {
    Registration old = fx.registered("alice");
    fx.deleteAccount().delete(old.user().id(), AuthFixture.PASSWORD);
    Registration again = fx.registered("alice");

    fx.accountRemoval().userDeleted(old.user().id());

    assertThat(fx.login().login("alice", AuthFixture.PASSWORD, "").sessionId()).hasSize(32);
    assertThat(fx.refresh().refresh(again.tokens().refreshToken()).sessionId())
        .isEqualTo(again.tokens().sessionId());
  }

  @Test
  void afterThreeWrongPasswordsACaptchaIsRequiredAndFailedLoginsCountToo() {
    Registration reg = fx.registered("alice");
    String userId = reg.user().id();
    assertFails(
        () -> fx.login().login("alice", "guess number one", ""),
        ErrorKind.UNAUTHENTICATED,
        "INVALID_CREDENTIALS");
    for (int i = 0; i < 2; i++) {
      assertFails(
          () -> fx.deleteAccount().delete(userId, "guess number two"),
          ErrorKind.UNAUTHENTICATED,
          "INVALID_CREDENTIALS");
    }
    fx.verifications.set(0);

    assertFails(
        () -> fx.deleteAccount().delete(userId, AuthFixture.PASSWORD),
        ErrorKind.FAILED_PRECONDITION,
        "CAPTCHA_REQUIRED");
    String wrong = fx.captchas.issue("abcd");
    assertFails(
        () -> fx.deleteAccount().delete(userId, AuthFixture.PASSWORD, wrong, "zzzz"),
        ErrorKind.INVALID_ARGUMENT,
        "CAPTCHA_INVALID");
    assertThat(fx.verifications).as("no bcrypt work without a solved captcha").hasValue(0);
    assertThat(fx.users.deleted).isEmpty();

    String right = fx.captchas.issue("abcd");
    fx.deleteAccount().delete(userId, AuthFixture.PASSWORD, right, "abcd");
    assertThat(fx.users.deleted).containsExactly(userId);
  }
}
