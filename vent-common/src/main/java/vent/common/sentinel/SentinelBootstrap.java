package vent.common.sentinel;

import com.alibaba.csp.sentinel.Tracer;
import com.alibaba.csp.sentinel.adapter.dubbo3.config.DubboAdapterGlobalConfig;
import com.alibaba.csp.sentinel.command.CommandCenterProvider;
import com.alibaba.csp.sentinel.config.SentinelConfig;
import com.alibaba.csp.sentinel.init.InitExecutor;
import com.alibaba.csp.sentinel.slots.block.Rule;
import com.alibaba.csp.sentinel.transport.CommandCenter;
import com.alibaba.csp.sentinel.transport.config.TransportConfig;
import com.ecwid.consul.v1.ConsulClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.config.RegistrySettings;
import vent.common.consul.ConsulClients;
import vent.common.metrics.SentinelMetrics;

/**
 * Starts Sentinel in a Vent process: rules from Consul KV (watched), written back there when the
 * dashboard pushes rules, the command port bound to {@link SentinelSettings#commandHost}, and the
 * dashboard heartbeat when one is configured.
 *
 * <p>What {@link #start} sets up when enabled:
 *
 * <ul>
 *   <li>Sentinel's system properties: {@code project.name} = the application, {@code
 *       csp.sentinel.api.port} = {@code commandPort}, {@code csp.sentinel.heartbeat.client.ip} =
 *       {@code commandHost}, {@code csp.sentinel.dashboard.server} = {@code dashboard} (only if
 *       set: no dashboard, no heartbeat), {@code csp.sentinel.log.dir} = {@code logDir} (default
 *       {@code <java.io.tmpdir>/vent-sentinel}), log file names with the pid (several instances
 *       share one directory);
 *   <li>rules: flow, degrade, param-flow and system rules from the Consul KV keys {@code
 *       <kvPrefix>/<application>/<type>} (JSON arrays in Sentinel's format; a missing key is no
 *       rules), watched with blocking queries ({@link ConsulRuleWatch});
 *   <li>push mode: the dashboard's {@code setRules} / {@code setParamFlowRules} write the new list
 *       to the same key ({@link ConsulRuleSink}), so every instance applies it and it survives
 *       restarts;
 *   <li>the command port, listening when this returns ({@link VentCommandCenter});
 *   <li>metrics: pass/block/exception counts and circuit-breaker states ({@link SentinelMetrics});
 *   <li>Dubbo: the adapter's block fallbacks ({@link DubboBlockFallbacks}); which exceptions count
 *       for exception-based degrade rules ({@link CountedFailures}).
 * </ul>
 *
 * <p>Disabled ({@code enabled: false}): nothing of the above; no Sentinel class is initialised, and
 * {@link #isRunning()} stays false. The process then builds its {@code DubboNode} with Sentinel
 * off, which leaves the adapter's filters out of every Dubbo filter chain, so nothing is counted or
 * blocked. Code that guards its own resources ({@code SphU.entry}) must check {@link #isRunning()}
 * too.
 *
 * <p>Sentinel's state is JVM-global: one bootstrap per JVM.
 */
public final class SentinelBootstrap implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SentinelBootstrap.class);
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static volatile boolean running;

  private static final SentinelBootstrap DISABLED = new SentinelBootstrap(null, null);

  private final List<ConsulRuleWatch> watches;
  private final CommandCenter commandCenter;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SentinelBootstrap(List<ConsulRuleWatch> watches, CommandCenter commandCenter) {
    this.watches = watches;
    this.commandCenter = commandCenter;
  }

  /**
   * Call before Dubbo is set up ({@code DubboNode}) and before the first guarded call.
   *
   * @param application the application name (Sentinel's {@code project.name}), e.g. {@code
   *     vent-web}
   * @param settings this process's Sentinel settings
   * @param consul where the rules are (Consul KV), with the ACL token to read and write them
   * @return a handle; {@link #close()} stops the KV watch and the command port. When disabled, a
   *     handle that does nothing.
   * @throws IllegalArgumentException if the settings are unusable (blank application or host, a
   *     wildcard host, a port outside 1-65535)
   * @throws IllegalStateException if Sentinel was already started in this JVM, or the command port
   *     cannot be bound (e.g. taken by another process)
   */
  public static SentinelBootstrap start(
      String application, SentinelSettings settings, RegistrySettings consul) {
    if (!settings.enabled) {
      LOG.info("event=sentinel_disabled application={}", application);
      return DISABLED;
    }
    validate(application, settings);
    if (!STARTED.compareAndSet(false, true)) {
      throw new IllegalStateException(
          "Sentinel is already started in this JVM (its state is global)");
    }
    // Before any Sentinel class is initialised: SentinelConfig and its log read these once.
    configureJvm(application, settings);
    VentCommandCenter.configure(settings.commandHost, settings.commandPort);

    DubboAdapterGlobalConfig.setConsumerFallback(DubboBlockFallbacks.consumer());
    DubboAdapterGlobalConfig.setProviderFallback(DubboBlockFallbacks.provider());
    Tracer.setExceptionPredicate(CountedFailures::counts);
    // Pass/block/exception counts come through the metric extension SPI; transitions through this.
    SentinelMetrics.observeCircuitBreakers();

    List<ConsulRuleWatch> watches = startRules(application, settings, consul);

    // Sentinel would start its transport lazily on the first guarded call; start it now so the
    // command port is up (and the dashboard sees the instance) from the start.
    InitExecutor.doInit();
    CommandCenter commandCenter = CommandCenterProvider.getCommandCenter();
    InetSocketAddress bound = VentCommandCenter.boundAddress().orElse(null);
    if (!(commandCenter instanceof VentCommandCenter)
        || bound == null
        || bound.getPort() != settings.commandPort) {
      watches.forEach(ConsulRuleWatch::close);
      String why =
          VentCommandCenter.startFailure()
              .map(ConsulRuleSource::oneLine)
              .orElse(
                  "Sentinel was initialised before SentinelBootstrap.start, or another command center won");
      throw new IllegalStateException(
          "Sentinel command port "
              + settings.commandHost
              + ":"
              + settings.commandPort
              + " is not listening: "
              + why);
    }
    running = true;
    LOG.info(
        "event=sentinel_started application={} commandPort={} commandHost={} dashboard={} kvPrefix={} logDir={}",
        application,
        bound.getPort(),
        settings.commandHost,
        settings.dashboard == null || settings.dashboard.isBlank()
            ? "none"
            : settings.dashboard.strip(),
        settings.kvPrefix,
        System.getProperty("csp.sentinel.log.dir"));
    return new SentinelBootstrap(watches, commandCenter);
  }

  /**
   * @return true once an enabled {@link #start} has succeeded in this JVM (and until its handle is
   *     closed): Sentinel counts and blocks. False when disabled or never started.
   */
  public static boolean isRunning() {
    return running;
  }

  /** Stops the KV watch and closes the command port; the rules in force stay. Idempotent. */
  @Override
  public void close() {
    if (watches == null || !closed.compareAndSet(false, true)) {
      return;
    }
    running = false;
    watches.forEach(ConsulRuleWatch::close);
    try {
      commandCenter.stop();
    } catch (Exception e) {
      LOG.warn("event=sentinel_stop_failed error={}", ConsulRuleSource.oneLine(e));
    }
    LOG.info("event=sentinel_stopped");
  }

  private static void validate(String application, SentinelSettings settings) {
    if (application == null || application.isBlank()) {
      throw new IllegalArgumentException("sentinel: application name is empty");
    }
    if (settings.commandPort < 1 || settings.commandPort > 65535) {
      throw new IllegalArgumentException(
          "sentinel.commandPort must be 1-65535: " + settings.commandPort);
    }
    if (settings.commandHost == null || settings.commandHost.isBlank()) {
      throw new IllegalArgumentException("sentinel.commandHost is empty");
    }
    try {
      if (InetAddress.getByName(settings.commandHost.strip()).isAnyLocalAddress()) {
        // Every interface is what this class exists to avoid; it is also no address to advertise.
        throw new IllegalArgumentException(
            "sentinel.commandHost must be one address, not " + settings.commandHost);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "sentinel.commandHost does not resolve: " + settings.commandHost, e);
    }
    if (settings.kvPrefix == null || RuleKind.trimSlashes(settings.kvPrefix).isEmpty()) {
      throw new IllegalArgumentException("sentinel.kvPrefix is empty");
    }
  }

  private static void configureJvm(String application, SentinelSettings settings) {
    String logDir =
        settings.logDir == null || settings.logDir.isBlank()
            ? Path.of(System.getProperty("java.io.tmpdir"), "vent-sentinel").toString()
            : settings.logDir.strip();
    boolean dashboard = settings.dashboard != null && !settings.dashboard.isBlank();
    // Log settings first: Sentinel's log initialises with SentinelConfig, below, and reads them
    // once.
    System.setProperty("csp.sentinel.log.dir", logDir);
    System.setProperty("csp.sentinel.log.use.pid", "true");
    Map<String, String> config = new LinkedHashMap<>();
    config.put(SentinelConfig.PROJECT_NAME_PROP_KEY, application);
    config.put(TransportConfig.SERVER_PORT, String.valueOf(settings.commandPort));
    config.put(TransportConfig.HEARTBEAT_CLIENT_IP, settings.commandHost.strip());
    if (dashboard) {
      config.put(TransportConfig.CONSOLE_SERVER, settings.dashboard.strip());
    } else {
      // No dashboard: the heartbeat sender finds no address and never connects anywhere.
      System.clearProperty(TransportConfig.CONSOLE_SERVER);
    }
    // System properties are what SentinelConfig reads when it initialises; setting SentinelConfig
    // as well covers a JVM where it already has.
    config.forEach(System::setProperty);
    config.forEach(SentinelConfig::setConfig);
    if (!dashboard) {
      SentinelConfig.removeConfig(TransportConfig.CONSOLE_SERVER);
    }
  }

  private static List<ConsulRuleWatch> startRules(
      String application, SentinelSettings settings, RegistrySettings consul) {
    // With the ACL token, when one is configured: the rule keys need key read (watch) and key
    // write (dashboard push), docs/SECURITY.md.
    ConsulClient client = ConsulClients.create(consul);
    List<ConsulRuleWatch> watches = new ArrayList<>();
    for (RuleKind<?> kind : RuleKind.ALL) {
      ConsulRuleWatch watch =
          new ConsulRuleWatch(
              client, register(client, kind, kind.key(settings.kvPrefix, application)));
      watch.start();
      watches.add(watch);
    }
    return watches;
  }

  private static <T extends Rule> ConsulRuleSource<T> register(
      ConsulClient client, RuleKind<T> kind, String key) {
    ConsulRuleSource<T> source = new ConsulRuleSource<>(client, key, kind);
    kind.registerProperty(source.getProperty());
    kind.registerWriter(new ConsulRuleSink<>(client, key, kind));
    return source;
  }
}
