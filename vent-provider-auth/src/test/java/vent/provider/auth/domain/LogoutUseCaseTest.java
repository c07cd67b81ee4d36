package vent.provider.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.provider.auth.domain.VentAssertions.assertFails;

import org.junit.jupiter.api.Test;
import vent.common.error.ErrorKind;

class LogoutUseCaseTest extends RedisTestBase {

  @Test
  void endsTheSessionOnceAndItsRefreshTokenStopsWorking() {
    Registration reg = fx.registered("alice");
    Tokens t = reg.tokens();

    assertThat(fx.logout().logout(t.sessionId(), reg.user().id())).isTrue();
    assertThat(fx.logout().logout(t.sessionId(), reg.user().id())).isFalse();

    assertFails(
        () -> fx.refresh().refresh(t.refreshToken()),
        ErrorKind.UNAUTHENTICATED,
        "REFRESH_TOKEN_INVALID");
    assertThat(
            redis
                .<String>getSet("vent:auth:{" + reg.user().id() + "}:sessions")
                .contains(t.sessionId()))
        .isFalse();
  }

  @Test
  void endsOnlyTheCallersOwnSession() {
    Registration alice = fx.registered("alice");
    Registration bob = fx.registered("bob");

    assertThat(fx.logout().logout(alice.tokens().sessionId(), bob.user().id())).isFalse();

    assertThat(fx.refresh().refresh(alice.tokens().refreshToken()).sessionId())
        .isEqualTo(alice.tokens().sessionId());
  }

  @Test
  void leavesOtherSessionsOfTheUser() {
    Registration reg = fx.registered("alice");
    Tokens second = fx.login().login("alice", AuthFixture.PASSWORD, "");

    fx.logout().logout(reg.tokens().sessionId(), reg.user().id());

    assertThat(fx.refresh().refresh(second.refreshToken()).sessionId())
        .isEqualTo(second.sessionId());
  }

  @Test
  void requiresBothIds() {
    assertFails(() -> fx.logout().logout("", "1"), ErrorKind.INVALID_ARGUMENT, "MISSING_FIELD");
    assertFails(() -> fx.logout().logout("abc", ""), ErrorKind.INVALID_ARGUMENT, "MISSING_FIELD");
  }
}
