package vent.provider.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.provider.auth.domain.VentAssertions.assertFails;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;
import vent.common.error.ErrorKind;

/**
 * A login parked inside its password check (after bcrypt said yes) while the password changes or
 * the account goes away: when it resumes it must get no session, or none that survives.
 */
class LoginRaceTest extends RedisTestBase {

  private static final String NEW_PASSWORD = "a new passphrase";

  private final CountDownLatch parked = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseParkedLogin() {
    release.countDown();
  }

  /** Starts a login of alice with the right password that stops inside the password check. */
  private CompletableFuture<Tokens> parkedLogin() throws InterruptedException {
    fx.duringNextVerify.set(
        () -> {
          parked.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    CompletableFuture<Tokens> login =
        CompletableFuture.supplyAsync(
            () -> fx.login().login("alice", AuthFixture.PASSWORD, "10.0.0.1"));
    assertThat(parked.await(10, TimeUnit.SECONDS)).as("login reached the password check").isTrue();
    return login;
  }

  /** The parked login's result, or the exception it failed with. */
  private static Tokens outcome(CompletableFuture<Tokens> login) throws Throwable {
    try {
      return login.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  private java.util.Set<String> sessionsOf(String userId) {
    return redis
        .<String>getSet("vent:auth:{" + userId + "}:sessions", StringCodec.INSTANCE)
        .readAll();
  }

  @Test
  void aLoginThatCheckedTheOldPasswordGetsNoSessionAfterTheChange() throws Exception {
    Registration reg = fx.registered("alice");
    String userId = reg.user().id();
    CompletableFuture<Tokens> login = parkedLogin();

    Tokens changed = fx.changePassword().change(userId, AuthFixture.PASSWORD, NEW_PASSWORD);
    release.countDown();

    assertFails(() -> outcome(login), ErrorKind.UNAUTHENTICATED, "INVALID_CREDENTIALS");
    assertThat(sessionsOf(userId))
        .as("only the session of the change")
        .containsExactly(changed.sessionId());
  }

  @Test
  void aLoginThatCheckedThePasswordGetsNoSessionAfterTheAccountIsDeleted() throws Exception {
    Registration reg = fx.registered("alice");
    String userId = reg.user().id();
    CompletableFuture<Tokens> login = parkedLogin();

    fx.deleteAccount().delete(userId, AuthFixture.PASSWORD);
    release.countDown();

    assertFails(() -> outcome(login), ErrorKind.UNAUTHENTICATED, "INVALID_CREDENTIALS");
    fx.accountRemoval().userDeleted(userId);
    assertThat(sessionsOf(userId)).isEmpty();
    assertThat(redis.getKeys().getKeysStreamByPattern("vent:auth:{*}:session:*")).isEmpty();
  }

  @Test
  void aLoginResumingAfterTheDeletionEventWasHandledGetsNoSession() throws Exception {
    Registration reg = fx.registered("alice");
    String userId = reg.user().id();
    // The user service still answers that the user exists: only the credential check decides.
    fx.users.byId.put(userId, reg.user());
    CompletableFuture<Tokens> login = parkedLogin();

    fx.accountRemoval().userDeleted(userId);
    release.countDown();

    assertFails(() -> outcome(login), ErrorKind.UNAUTHENTICATED, "INVALID_CREDENTIALS");
    assertThat(sessionsOf(userId)).isEmpty();
    assertThat(redis.getKeys().getKeysStreamByPattern("vent:auth:{*}:session:*")).isEmpty();
  }

  @Test
  void aUserTheUserServiceNoLongerHasCannotLogInAndItsLeftoversGo() {
    Registration reg = fx.registered("alice");
    String userId = reg.user().id();
    // Deleted in the user service, but the UserDeleted event never reached auth.
    fx.users.byId.remove(userId);

    assertFails(
        () -> fx.login().login("alice", AuthFixture.PASSWORD, ""),
        ErrorKind.UNAUTHENTICATED,
        "INVALID_CREDENTIALS");

    assertThat(fx.credentials.findByUserId(userId)).isEmpty();
    assertFails(
        () -> fx.refresh().refresh(reg.tokens().refreshToken()),
        ErrorKind.UNAUTHENTICATED,
        "REFRESH_TOKEN_INVALID");
    assertThat(sessionsOf(userId)).isEmpty();
  }
}
