package vent.provider.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.provider.auth.domain.VentAssertions.assertFails;

import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;
import vent.provider.auth.store.RedisCredentialRepository;
import vent.provider.auth.store.RedisSessionRepository;

class RegisterUseCaseTest extends RedisTestBase {

  @Test
  void registersStoresCredentialsAndOpensSession() throws Exception {
    String captcha = fx.captchas.issue("xk7p");

    Registration reg =
        fx.register()
            .register(new RegisterCommand("alice", AuthFixture.PASSWORD, "Alice", captcha, "XK7P"));

    assertThat(reg.user().username()).isEqualTo("alice");
    assertThat(fx.users.byId).containsKey(reg.user().id());
    assertThat(fx.credentials.findByUsername("alice"))
        .get()
        .satisfies(c -> assertThat(c.userId()).isEqualTo(reg.user().id()))
        .satisfies(
            c ->
                assertThat(c.passwordHash())
                    .startsWith("$2b$04$")
                    .doesNotContain(AuthFixture.PASSWORD));
    assertThat(reg.tokens().expiresInSeconds()).isEqualTo(AuthFixture.ACCESS_TTL_S);
    assertThat(reg.tokens().refreshExpiresInSeconds()).isEqualTo(AuthFixture.REFRESH_TTL_S);
    assertThat(SignedJWT.parse(reg.tokens().accessToken()).getJWTClaimsSet().getSubject())
        .isEqualTo(reg.user().id());
    // The captcha was spent, and the new session's refresh token works.
    assertThat(fx.captchas.verify(captcha, "xk7p")).isFalse();
    assertThat(fx.refresh().refresh(reg.tokens().refreshToken()).sessionId())
        .isEqualTo(reg.tokens().sessionId());
    assertThat(fx.login().login("alice", AuthFixture.PASSWORD, "127.0.0.1").accessToken())
        .isNotBlank();
  }

  @Test
  void wrongCaptchaCreatesNothing() {
    String captcha = fx.captchas.issue("xk7p");

    assertFails(
        () ->
            fx.register()
                .register(
                    new RegisterCommand("alice", AuthFixture.PASSWORD, "Alice", captcha, "nope")),
        ErrorKind.INVALID_ARGUMENT,
        "CAPTCHA_INVALID");

    assertThat(fx.users.byId).isEmpty();
    assertThat(authKeys()).allMatch(k -> k.startsWith("vent:auth:{jwk}:"));
  }

  @Test
  void usernameTakenPassesThroughUnchanged() {
    fx.registered("alice");
    long keysBefore = authKeys().size();

    VentException e =
        assertFails(
            () ->
                fx.register()
                    .register(
                        new RegisterCommand(
                            "alice", AuthFixture.PASSWORD, "Other", fx.captchas.issue("a1"), "a1")),
            ErrorKind.ALREADY_EXISTS,
            "USERNAME_TAKEN");

    assertThat(e.detail()).contains("alice");
    assertThat(authKeys()).hasSize((int) keysBefore);
    assertThat(fx.users.deleted).isEmpty();
  }

  @Test
  void credentialStoreFailureDeletesTheUser() {
    var real = new RedisCredentialRepository(redis);
    var failing =
        new CredentialRepository() {
          @Override
          public void create(Credential credential) {
            throw new IllegalStateException("simulated credential store failure");
          }

          @Override
          public java.util.Optional<Credential> findByUsername(String username) {
            return real.findByUsername(username);
          }

          @Override
          public java.util.Optional<Credential> findByUserId(String userId) {
            return real.findByUserId(userId);
          }

          @Override
          public boolean replaceHash(
              String userId, long expectedVersion, String newHash, long changedAtMs) {
            return real.replaceHash(userId, expectedVersion, newHash, changedAtMs);
          }

          @Override
          public boolean retire(String userId, long expectedVersion) {
            return real.retire(userId, expectedVersion);
          }

          @Override
          public void delete(String userId) {
            real.delete(userId);
          }
        };
    AuthFixture broken = new AuthFixture(redis, failing, new RedisSessionRepository(redis));

    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                broken
                    .register()
                    .register(
                        new RegisterCommand(
                            "bob", AuthFixture.PASSWORD, "Bob", broken.captchas.issue("q"), "q")));

    assertThat(t).isInstanceOf(IllegalStateException.class).hasMessageContaining("simulated");
    assertThat(broken.users.deleted).hasSize(1);
    assertThat(broken.users.byId).isEmpty();
    assertThat(authKeys()).allMatch(k -> k.startsWith("vent:auth:{jwk}:"));
  }

  @Test
  void sessionFailureAfterCredentialsRemovesCredentialsAndUser() {
    var real = new RedisSessionRepository(redis);
    var failing =
        new SessionRepository() {
          @Override
          public boolean open(NewSession session) {
            throw new VentException(ErrorKind.UNAVAILABLE, "DEPENDENCY_UNAVAILABLE", "simulated");
          }

          @Override
          public Rotation rotate(
              String userId, String presentedHash, String newHash, long nowMs, long ttlMs) {
            return real.rotate(userId, presentedHash, newHash, nowMs, ttlMs);
          }

          @Override
          public boolean end(String sessionId, String userId) {
            return real.end(sessionId, userId);
          }

          @Override
          public int endAll(String userId) {
            return real.endAll(userId);
          }
        };
    AuthFixture broken = new AuthFixture(redis, new RedisCredentialRepository(redis), failing);

    assertFails(
        () ->
            broken
                .register()
                .register(
                    new RegisterCommand(
                        "bob", AuthFixture.PASSWORD, "Bob", broken.captchas.issue("q"), "q")),
        ErrorKind.UNAVAILABLE,
        "DEPENDENCY_UNAVAILABLE");

    assertThat(broken.users.byId).isEmpty();
    assertThat(broken.credentials.findByUsername("bob")).isEmpty();
    assertThat(authKeys()).allMatch(k -> k.startsWith("vent:auth:{jwk}:"));
  }

  @Test
  void validatesBeforeSpendingTheCaptcha() {
    String captcha = fx.captchas.issue("q");
    assertFails(
        () ->
            fx.register()
                .register(new RegisterCommand("", AuthFixture.PASSWORD, "X", captcha, "q")),
        ErrorKind.INVALID_ARGUMENT,
        "MISSING_FIELD");
    assertFails(
        () ->
            fx.register()
                .register(new RegisterCommand("carol", AuthFixture.PASSWORD, " ", captcha, "q")),
        ErrorKind.INVALID_ARGUMENT,
        "MISSING_FIELD");
    assertFails(
        () -> fx.register().register(new RegisterCommand("carol", "short", "Carol", captcha, "q")),
        ErrorKind.INVALID_ARGUMENT,
        "INVALID_PASSWORD");
    assertFails(
        () ->
            fx.register()
                .register(new RegisterCommand("carol", "é".repeat(37), "Carol", captcha, "q")),
        ErrorKind.INVALID_ARGUMENT,
        "INVALID_PASSWORD");
    assertFails(
        () ->
            fx.register()
                .register(new RegisterCommand("carol", AuthFixture.PASSWORD, "Carol", "", "q")),
        ErrorKind.INVALID_ARGUMENT,
        "MISSING_FIELD");

    assertThat(fx.captchas.calls).hasValue(0);
    assertThat(fx.users.byId).isEmpty();
  }

  @Test
  void acceptsSeventyTwoBytePassword() {
    String password = "é".repeat(36);
    String captcha = fx.captchas.issue("q");

    fx.register().register(new RegisterCommand("dave", password, "Dave", captcha, "q"));

    assertThat(fx.login().login("dave", password, "").sessionId()).hasSize(32);
  }

  private List<String> authKeys() {
    return StreamSupport.stream(
            redis.getKeys().getKeysByPattern("vent:auth:*").spliterator(), false)
        .toList();
  }
}
