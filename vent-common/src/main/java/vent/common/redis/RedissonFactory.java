package vent.common.redis;

import java.time.Duration;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import vent.common.config.RedisSettings;

/** Builds the one RedissonClient a process uses. Values are stored as UTF-8 strings. */
public final class RedissonFactory {

  private RedissonFactory() {}

  /**
   * @param settings where Redis is; the password is passed on, never logged
   * @return a started client; close it with {@link RedissonClient#shutdown()}
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
    return Redisson.create(config);
  }
}
