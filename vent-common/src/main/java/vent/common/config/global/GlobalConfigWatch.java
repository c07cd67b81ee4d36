package vent.common.config.global;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.config.RegistrySettings;
import vent.common.consul.ConsulClients;
import vent.common.consul.ConsulPrefixWatch;

/**
 * Keeps a process's {@link GlobalConfig} in step with Consul KV under its {@linkplain
 * GlobalConfigSettings#kvPrefix prefix}: one read before the process wires its objects, then a
 * blocking query in the background.
 *
 * <p>At start-up Consul is asked once, like the Sentinel rules: when it does not answer, the
 * process starts on its local values ({@code event=config_consul_unavailable}) and picks up
 * Consul's values as soon as it answers (live keys at once, start-up keys at the next start).
 */
public final class GlobalConfigWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GlobalConfigWatch.class);

  private final GlobalConfig config;
  private final ConsulPrefixWatch watch;

  private GlobalConfigWatch(GlobalConfig config, ConsulPrefixWatch watch) {
    this.config = config;
    this.watch = watch;
  }

  /**
   * Reads the configuration from Consul (with the ACL token of {@code registry}) and keeps watching
   * it. Call before binding keys, so that they start with Consul's values.
   *
   * @param application e.g. {@code vent-provider-auth}: the per-application folder it reads
   * @param settings where the configuration is in Consul KV
   * @return the running watch; {@link #config()} is the process's configuration
   */
  public static GlobalConfigWatch start(
      String application, GlobalConfigSettings settings, RegistrySettings registry) {
    String prefix = settings.kvPrefix;
    GlobalConfig config = new GlobalConfig(prefix, application);
    ConsulPrefixWatch watch =
        new ConsulPrefixWatch(ConsulClients.create(registry), prefix, config::apply);
    if (watch.start()) {
      LOG.info("event=config_watch_started application={} prefix={}/", application, prefix);
    } else {
      LOG.warn(
          "event=config_consul_unavailable application={} prefix={}/ action=start_with_local_values",
          application,
          prefix);
    }
    return new GlobalConfigWatch(config, watch);
  }

  /**
   * @return the process's configuration, to {@link GlobalConfig#bind bind} keys on
   */
  public GlobalConfig config() {
    return config;
  }

  /** Stops watching; the values in force stay. */
  @Override
  public void close() {
    watch.close();
  }
}
