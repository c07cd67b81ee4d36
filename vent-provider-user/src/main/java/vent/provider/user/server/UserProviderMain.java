package vent.provider.user.server;

import dev.vent.user.v1.UserService;
import java.time.Clock;
import vent.common.dubbo.ProviderMain;
import vent.provider.user.domain.UserUseCases;
import vent.provider.user.service.UserServiceImpl;
import vent.provider.user.store.LayoutMigration;
import vent.provider.user.store.RedisUserRepository;

/**
 * Starts vent-provider-user: {@code java -jar vent-provider-user.jar [config.yml]}. Exit codes and
 * start-up order: {@link ProviderMain}.
 */
public final class UserProviderMain {

  private UserProviderMain() {}

  public static void main(String[] args) throws InterruptedException {
    ProviderMain.run(
        args,
        UserProviderConfig.class,
        (config, server, redis) -> {
          UserUseCases users =
              new UserUseCases(
                  new RedisUserRepository(
                      redis, server.outbox(redis, "user"), config.events.shards),
                  Clock.systemUTC());
          server.provide(UserService.class, new UserServiceImpl(users));
        },
        (config, redis) -> "users=" + new LayoutMigration(redis).run());
  }
}
