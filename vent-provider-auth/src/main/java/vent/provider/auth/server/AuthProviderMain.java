package vent.provider.auth.server;

import dev.vent.auth.v1.AuthService;
import dev.vent.captcha.v1.CaptchaService;
import dev.vent.user.v1.UserService;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.apache.dubbo.config.ReferenceConfig;
import vent.common.dubbo.ProviderMain;
import vent.common.events.EventStreams;
import vent.provider.auth.client.DubboCaptchaVerifier;
import vent.provider.auth.client.DubboUserDirectory;
import vent.provider.auth.domain.AuthUseCases;
import vent.provider.auth.domain.CaptchaVerifier;
import vent.provider.auth.domain.UserDirectory;
import vent.provider.auth.events.UserDeletedHandler;
import vent.provider.auth.security.JwtTokenIssuer;
import vent.provider.auth.service.AuthServiceImpl;
import vent.provider.auth.store.LayoutMigration;

/**
 * Entry point of vent-provider-auth: {@code java -jar vent-provider-auth.jar [config.yml]}.
 * Consumes the user and captcha services, serves {@code vent.auth.v1.AuthService}, and drops the
 * sessions and credentials of deleted users (UserDeleted from the user event stream). Exit codes
 * and start-up order: {@link ProviderMain}.
 */
public final class AuthProviderMain {

  private AuthProviderMain() {}

  public static void main(String[] args) throws InterruptedException {
    ProviderMain.run(
        args,
        AuthProviderConfig.class,
        (cfg, server, redis) -> {
          // createUser is not idempotent and deleteUser runs only as compensation: no retries.
          ReferenceConfig<UserService> userRef =
              server
                  .node()
                  .refer(
                      UserService.class,
                      cfg.consumerTimeoutMs,
                      2,
                      Set.of("createUser", "deleteUser"));
          // A retried verification would find the captcha spent by the first attempt.
          ReferenceConfig<CaptchaService> captchaRef =
              server
                  .node()
                  .refer(CaptchaService.class, cfg.consumerTimeoutMs, 2, Set.of("verifyCaptcha"));
          UserDirectory users = new DubboUserDirectory(memoize(userRef));
          CaptchaVerifier captchas = new DubboCaptchaVerifier(memoize(captchaRef));
          AuthLive live = AuthLive.bind(cfg.auth, server.globalConfig());
          JwtTokenIssuer signingKeys =
              AuthWiring.signingKeys(cfg.auth, live, redis, Clock.systemUTC());
          server.closeOnStop(
              SigningKeyRotation.every(
                  Duration.ofSeconds(live.signingKeyCheckSeconds()), signingKeys));
          AuthUseCases useCases =
              AuthWiring.useCases(live, redis, signingKeys, users, captchas, Clock.systemUTC());
          server.provide(AuthService.class, new AuthServiceImpl(useCases));
          server.consume(
              redis,
              EventStreams.USER,
              UserDeletedHandler.GROUP,
              new UserDeletedHandler(useCases.accountRemoval()));
        },
        (config, redis) -> "credentials=" + new LayoutMigration(redis).run());
  }

  /** The references exist once serving has started; resolve them on first use. */
  private static <T> java.util.function.Supplier<T> memoize(ReferenceConfig<T> ref) {
    return new java.util.function.Supplier<>() {
      private volatile T proxy;

      @Override
      public T get() {
        T p = proxy;
        if (p == null) {
          p = ref.get();
          proxy = p;
        }
        return p;
      }
    };
  }
}
