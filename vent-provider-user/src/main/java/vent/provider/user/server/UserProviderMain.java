package vent.provider.user.server;

import java.time.Clock;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.config.ConfigLoader;
import vent.common.dubbo.ProviderServer;
import vent.common.redis.RedissonFactory;
import vent.provider.user.domain.UserUseCases;
import vent.provider.user.service.UserServiceImpl;
import vent.provider.user.store.RedisUserRepository;
import vent.user.v1.UserService;

/**
 * Starts vent-provider-user: {@code java -jar vent-provider-user.jar [config.yml]}. Exits with
 * status 2 and one log line when the configuration is invalid, 1 when start-up fails (e.g. Redis
 * or Consul unreachable).
 */
public final class UserProviderMain {

  private static final Logger LOG = LoggerFactory.getLogger(UserProviderMain.class);
  private static final String APP = "vent-provider-user";

  private UserProviderMain() {}

  public static void main(String[] args) throws InterruptedException {
    UserProviderConfig cfg;
    try {
      cfg = ConfigLoader.load(args, UserProviderConfig.class);
      cfg.validate();
    } catch (RuntimeException e) {
      LOG.error("event=config_invalid application={} error=\"{}\"", APP, oneLine(e));
      System.exit(2);
      return;
    }
    ProviderServer server;
    try {
      server = new ProviderServer(cfg);
      RedissonClient redis = RedissonFactory.create(cfg.redis);
      server.closeOnStop(redis::shutdown);
      UserUseCases users = new UserUseCases(new RedisUserRepository(redis), Clock.systemUTC());
      server.provide(UserService.class, new UserServiceImpl(users)).start();
    } catch (RuntimeException e) {
      LOG.error("event=provider_start_failed application={} error=\"{}\"", APP, oneLine(e));
      System.exit(1);
      return;
    }
    server.awaitTermination();
  }

  private static String oneLine(Throwable e) {
    String msg = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    return msg.replaceAll("[\\r\\n]+", " ").replace('"', '\'');
  }
}
