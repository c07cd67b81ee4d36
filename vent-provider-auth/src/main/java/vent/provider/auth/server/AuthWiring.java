package vent.provider.auth.server;

import java.time.Clock;
import java.time.Duration;
import org.redisson.api.RedissonClient;
import vent.provider.auth.domain.AccountRemoval;
import vent.provider.auth.domain.AuthUseCases;
import vent.provider.auth.domain.CaptchaVerifier;
import vent.provider.auth.domain.ChangePasswordUseCase;
import vent.provider.auth.domain.CredentialChecker;
import vent.provider.auth.domain.DeleteAccountUseCase;
import vent.provider.auth.domain.JwksQuery;
import vent.provider.auth.domain.LoginThrottle;
import vent.provider.auth.domain.LoginUseCase;
import vent.provider.auth.domain.LogoutUseCase;
import vent.provider.auth.domain.PasswordReconfirmation;
import vent.provider.auth.domain.RefreshUseCase;
import vent.provider.auth.domain.RegisterUseCase;
import vent.provider.auth.domain.SessionOpener;
import vent.provider.auth.domain.UserDirectory;
import vent.provider.auth.security.BcryptPasswordHasher;
import vent.provider.auth.security.JwtTokenIssuer;
import vent.provider.auth.store.RedisCredentialRepository;
import vent.provider.auth.store.RedisLoginFailureLog;
import vent.provider.auth.store.RedisSessionRepository;
import vent.provider.auth.store.RedisSigningKeyStore;

/** Builds the use cases over Redis and the given ports to the other services. */
public final class AuthWiring {

  private AuthWiring() {}

  /**
   * Loads (or on the very first start creates) the signing key from Redis, so this fails fast when
   * Redis is unreachable. Run {@link SigningKeyRotation} on it to follow rotation.
   */
  public static JwtTokenIssuer signingKeys(
      AuthSettings auth, AuthLive live, RedissonClient redis, Clock clock) {
    return JwtTokenIssuer.start(
        new RedisSigningKeyStore(redis),
        auth.issuer,
        auth.audience,
        live.accessTokenTtlSeconds(),
        Duration.ofSeconds(auth.signingKeyRotationSeconds),
        clock);
  }

  /**
   * The use cases over Redis, signing with {@code issuer}; lifetimes and login thresholds from
   * {@code live}.
   */
  public static AuthUseCases useCases(
      AuthLive live,
      RedissonClient redis,
      JwtTokenIssuer issuer,
      UserDirectory users,
      CaptchaVerifier captchas,
      Clock clock) {
    var credentials = new RedisCredentialRepository(redis);
    var sessions = new RedisSessionRepository(redis);
    var hasher = new BcryptPasswordHasher(live.bcryptCost());
    var checker = new CredentialChecker(hasher);
    var opener = new SessionOpener(sessions, issuer, clock, live.refreshTokenTtlSeconds());
    var throttle =
        new LoginThrottle(
            new RedisLoginFailureLog(redis),
            live.loginFailuresBeforeCaptcha(),
            live.loginFailureWindowSeconds(),
            clock);
    var removal = new AccountRemoval(credentials, sessions);
    var reconfirmation = new PasswordReconfirmation(credentials, checker, throttle, captchas);
    return new AuthUseCases(
        new RegisterUseCase(captchas, users, hasher, credentials, opener),
        new LoginUseCase(credentials, checker, opener, throttle, captchas, users, removal),
        new RefreshUseCase(opener),
        new LogoutUseCase(sessions),
        new ChangePasswordUseCase(credentials, reconfirmation, hasher, opener),
        new JwksQuery(issuer),
        new DeleteAccountUseCase(credentials, reconfirmation, users),
        removal);
  }
}
