package vent.common.dubbo;

import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.config.ConfigLoader;
import vent.common.config.ProviderConfig;
import vent.common.redis.RedissonFactory;

/**
 * The one start-up sequence of every provider's {@code main}: load and check the configuration,
 * start Sentinel and Dubbo ({@link ProviderServer}), connect to Redis, let the provider wire its
 * services, start serving, and wait for SIGTERM.
 *
 * <p>Exit codes: 2 with one {@code event=config_invalid} line for bad configuration; 1 with one
 * {@code event=provider_start_failed} line when anything fails before serving (Redis or Consul
 * unreachable, port taken, no usable font, ...).
 */
public final class ProviderMain {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderMain.class);

  /** What a provider adds to the common sequence. */
  @FunctionalInterface
  public interface Wiring<C extends ProviderConfig> {
    /**
     * Builds the provider's objects and exports its services with {@link ProviderServer#provide};
     * references to other providers are declared here too ({@code server.node().refer}).
     * Serving starts after this returns.
     *
     * @param redis connected; closed by the shutdown sequence
     */
    void wire(C config, ProviderServer server, RedissonClient redis);
  }

  private ProviderMain() {}

  /**
   * Runs a provider until it is stopped.
   *
   * @param args the process's arguments (an optional configuration file, see {@link ConfigLoader})
   * @param type the provider's configuration class
   */
  public static <C extends ProviderConfig> void run(String[] args, Class<C> type, Wiring<C> wiring)
      throws InterruptedException {
    C config;
    try {
      config = ConfigLoader.load(args, type);
      config.validate();
    } catch (RuntimeException e) {
      LOG.error("event=config_invalid config={} error=\"{}\"", type.getSimpleName(), oneLine(e));
      System.exit(2);
      return;
    }
    ProviderServer server;
    try {
      server = new ProviderServer(config);
      RedissonClient redis = RedissonFactory.create(config.redis);
      server.closeOnStop(redis::shutdown);
      wiring.wire(config, server, redis);
      server.start();
    } catch (RuntimeException | Error e) {
      // Errors too: AWT without fonts, for one, fails with an Error.
      LOG.error("event=provider_start_failed application={} error=\"{}\"", config.application, oneLine(e));
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
