package vent.common.dubbo;

import java.util.Arrays;
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
     * references to other providers are declared here too ({@code server.node().refer}). Serving
     * starts after this returns.
     *
     * @param redis connected; closed by the shutdown sequence
     */
    void wire(C config, ProviderServer server, RedissonClient redis);
  }

  /** A provider's move of an older data set to its current Redis key layout. */
  @FunctionalInterface
  public interface Migration<C extends ProviderConfig> {
    /**
     * Runs the migration to its end; idempotent and resumable.
     *
     * @param redis connected as the configured user
     * @return a one-line summary of what was moved, e.g. {@code profiles=812 claims=812}
     */
    String migrate(C config, RedissonClient redis);
  }

  /** The first argument that runs {@link #run}'s migration instead of the provider. */
  public static final String MIGRATE = "migrate";

  private ProviderMain() {}

  /**
   * Runs a provider until it is stopped; with {@code migrate} as the first argument, runs its
   * migration once instead ({@link #migrate}).
   *
   * @param migration the provider's migration, or null when its layout never changed
   */
  public static <C extends ProviderConfig> void run(
      String[] args, Class<C> type, Wiring<C> wiring, Migration<C> migration)
      throws InterruptedException {
    if (args.length > 0 && args[0].equals(MIGRATE)) {
      System.exit(migrate(Arrays.copyOfRange(args, 1, args.length), type, migration));
      return;
    }
    run(args, type, wiring);
  }

  /**
   * Loads the configuration, connects to Redis and runs {@code migration} (no Sentinel, no Dubbo,
   * no registration): one {@code event=layout_migrated} line with its summary.
   *
   * @return the exit code: 0 done (or nothing to migrate), 2 bad configuration, 1 failed
   */
  static <C extends ProviderConfig> int migrate(
      String[] args, Class<C> type, Migration<C> migration) {
    C config;
    try {
      config = ConfigLoader.load(args, type);
    } catch (RuntimeException e) {
      LOG.error("event=config_invalid config={} error=\"{}\"", type.getSimpleName(), oneLine(e));
      return 2;
    }
    if (migration == null) {
      LOG.info(
          "event=layout_migrated application={} result=nothing_to_migrate", config.application);
      return 0;
    }
    RedissonClient redis = null;
    try {
      long t0 = System.nanoTime();
      redis = RedissonFactory.create(config.redis);
      String result = migration.migrate(config, redis);
      LOG.info(
          "event=layout_migrated application={} result=\"{}\" ms={}",
          config.application,
          result,
          (System.nanoTime() - t0) / 1_000_000);
      return 0;
    } catch (RuntimeException e) {
      LOG.error(
          "event=layout_migration_failed application={} error=\"{}\"",
          config.application,
          oneLine(e));
      return 1;
    } finally {
      if (redis != null) {
        redis.shutdown();
      }
    }
  }

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
      LOG.error(
          "event=provider_start_failed application={} error=\"{}\"",
          config.application,
          oneLine(e));
      System.exit(1);
      return;
    }
    server.awaitTermination();
  }

  private static String oneLine(Throwable e) {
    String msg =
        e.getMessage() == null
            ? e.getClass().getName()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    return msg.replaceAll("[\\r\\n]+", " ").replace('"', '\'');
  }
}
