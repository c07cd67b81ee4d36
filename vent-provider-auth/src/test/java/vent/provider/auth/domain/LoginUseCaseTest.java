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
    assertThat(fx.refresh().refresh(tokens.refreshToken()).sessionId()).isEqualTo(tokens.sessionId());
  }

  @Test
  void wrongPasswordAndUnknownUserFailAlikeAndCostOneVerificationEach() {
    fx.registered("alice");
    fx.verifications.set(0);

    VentException wrong = assertFails(() -> fx.login().login("alice", "wrong password", ""),
        ErrorKind.UNAUTHENTICATED, "INVALID_CREDENTIALS");
    assertThat(fx.verifications).hasValue(1);
    VentException unknown = assertFails(() -> fx.login().login("nobody", AuthFixture.PASSWORD, ""),
        ErrorKind.UNAUTHENTICATED, "INVALID_CREDENTIALS");
    assertThat(fx.verifications).hasValue(2);

    assertThat(unknown.detail()).isEqualTo(wrong.detail());
  }

  @Test
  void overlongPasswordIsJustWrong() {
    fx.registered("alice");
    assertFails(() -> fx.login().login("alice", AuthFixture.PASSWORD + "x".repeat(80), ""),
        ErrorKind.UNAUTHENTICATED, "INVALID_CREDENTIALS");
  }

  @Test
  void emptyFieldsAreMissing() {
    assertFails(() -> fx.login().login("", "x", ""), ErrorKind.INVALID_ARGUMENT, "MISSING_FIELD");
    assertFails(() -> fx.login().login("alice", "", ""), ErrorKind.INVALID_ARGUMENT, "MISSING_FIELD");
  }
}
