package vent.common.redis;

import java.time.Duration;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import vent.common.config.RedisSettings;

/** Builds the one RedissonClient a process uses. Values are stored as UTF-8 strings. */
public final class RedissonFactory {

  private RedissonFactory() {}

  /**
   * Connects at once: a wrong address, user or password fails here, not at the first command.
   *
   * @param settings where Redis is, and the ACL user ({@code username}, empty for the default
   *     user) and {@code password} (empty for none) Redisson authenticates every connection with
   *     ({@code AUTH [username] password}); the password is passed on, never logged
   * @return a started client; close it with {@link RedissonClient#shutdown()}
   * @throws IllegalStateException if Redis cannot be reached or refuses the credentials, within
   *     about {@code timeoutMs} plus Redisson's one retry; its message names the address, the
   *     user and Redis's own reason (e.g. {@code WRONGPASS invalid username-password pair},
   *     {@code NOAUTH Authentication required})
   */
  public static RedissonClient create(RedisSettings settings) {
    Config config = new Config();
    config.setCodec(StringCodec.INSTANCE);
    config.setNettyThreads(8);
    var single = config.useSingleServer()
        .setAddress(settings.address)
        .setDatabase(settings.database)
        .setConnectionPoolSize(settings.connectionPoolSize)
        .setConnectionMinimumIdleSize(Math.min(4, settings.connectionPoolSize))
        .setTimeout(settings.timeoutMs)
        // Fail fast while Redis is down: one quick retry covers a dropped connection; longer
        // waits only held the caller past its RPC timeout (fault suite, Redis down and back).
        .setConnectTimeout(Math.min(settings.timeoutMs, 1000))
        .setRetryAttempts(1)
        .setRetryDelay(new ConstantDelay(Duration.ofMillis(200)))
        .setPingConnectionInterval(5000);
    if (settings.password != null && !settings.password.isEmpty()) {
      single.setPassword(settings.password);
    }
    if (settings.username != null && !settings.username.isEmpty()) {
      single.setUsername(settings.username);
    }
    try {
      return Redisson.create(config);
    } catch (RedisException e) {
      // Redisson's own message is "Unable to connect to Redis server"; Redis's reason (WRONGPASS,
      // NOAUTH, connection refused) is the deepest cause, and is what an operator must see.
      String user = settings.username == null || settings.username.isEmpty() ? "the default user" : "user " + settings.username;
      throw new IllegalStateException("cannot connect to Redis at " + settings.address + " as " + user + ": "
          + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
