package vent.provider.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.redisson.api.RedissonClient;
import vent.provider.auth.security.BcryptPasswordHasher;
import vent.provider.auth.security.JwtTokenIssuer;
import vent.provider.auth.store.RedisCredentialRepository;
import vent.provider.auth.store.RedisLoginFailureLog;
import vent.provider.auth.store.RedisSessionRepository;
import vent.provider.auth.store.RedisSigningKeyStore;

/**
 * The auth use cases over the real Redis stores, real bcrypt (cost 4, to keep tests fast) and real
 * JWTs; only the other services (user, captcha) are fakes.
 */
final class AuthFixture {

  static final long ACCESS_TTL_S = 900;
  static final long REFRESH_TTL_S = 3600;
  static final String PASSWORD = "correct horse battery";

  final RedissonClient redis;
  final FakeUserDirectory users = new FakeUserDirectory();
  final FakeCaptchaVerifier captchas = new FakeCaptchaVerifier();
  final AtomicInteger verifications = new AtomicInteger();

  /** Runs once, inside the next password verification (after bcrypt), then is cleared. */
  final AtomicReference<Runnable> duringNextVerify = new AtomicReference<>();

  final PasswordHasher hasher;
  final CredentialRepository credentials;
  final SessionRepository sessions;
  final JwtTokenIssuer issuer;
  final SessionOpener opener;
  final CredentialChecker checker;

  AuthFixture(RedissonClient redis) {
    this(redis, new RedisCredentialRepository(redis), new RedisSessionRepository(redis));
  }

  AuthFixture(RedissonClient redis, CredentialRepository credentials, SessionRepository sessions) {
    this.redis = redis;
    BcryptPasswordHasher bcrypt = new BcryptPasswordHasher(4);
    this.hasher =
        new PasswordHasher() {
          @Override
          public String hash(String password) {
            return bcrypt.hash(password);
          }

          @Override
          public boolean verify(String password, String hash) {
            verifications.incrementAndGet();
            boolean matches = bcrypt.verify(password, hash);
            Runnable hook = duringNextVerify.getAndSet(null);
            if (hook != null) {
              hook.run();
            }
            return matches;
          }
        };
    this.credentials = credentials;
    this.sessions = sessions;
    this.issuer =
        JwtTokenIssuer.start(
            new RedisSigningKeyStore(redis),
            "vent-auth",
            ACCESS_TTL_S,
            Duration.ofDays(30),
            Clock.systemUTC());
    this.opener = new SessionOpener(sessions, issuer, Clock.systemUTC(), REFRESH_TTL_S);
    this.checker = new CredentialChecker(hasher);
  }

  RegisterUseCase register() {
    return new RegisterUseCase(captchas, users, hasher, credentials, opener);
  }

  /** Login with the production policy: a captcha after 3 failures in 15 minutes. */
  LoginUseCase login() {
    return new LoginUseCase(
        credentials, checker, opener, throttle(), captchas, users, accountRemoval());
  }

  LoginThrottle throttle() {
    return new LoginThrottle(
        new RedisLoginFailureLog(redis), 3, Duration.ofMinutes(15), Clock.systemUTC());
  }

  RefreshUseCase refresh() {
    return new RefreshUseCase(opener);
  }

  LogoutUseCase logout() {
    return new LogoutUseCase(sessions);
  }

  ChangePasswordUseCase changePassword() {
    return new ChangePasswordUseCase(credentials, reconfirmation(), hasher, opener);
  }

  DeleteAccountUseCase deleteAccount() {
    return new DeleteAccountUseCase(credentials, reconfirmation(), users);
  }

  /** Shares login's failure counter, as in production. */
  PasswordReconfirmation reconfirmation() {
    return new PasswordReconfirmation(credentials, checker, throttle(), captchas);
  }

  AccountRemoval accountRemoval() {
    return new AccountRemoval(credentials, sessions);
  }

  /** Registers {@code username} with {@link #PASSWORD} through the real use case. */
  Registration registered(String username) {
    String captcha = captchas.issue("abcd");
    Registration reg =
        register()
            .register(new RegisterCommand(username, PASSWORD, "Name " + username, captcha, "abcd"));
    assertThat(reg.user().username()).isEqualTo(username);
    return reg;
  }
}
