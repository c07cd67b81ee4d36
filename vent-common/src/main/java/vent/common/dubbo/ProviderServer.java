package vent.common.dubbo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.config.ProviderConfig;
import vent.common.config.global.GlobalConfig;
import vent.common.config.global.GlobalConfigWatch;
import vent.common.events.EventHandler;
import vent.common.events.EventStreams;
import vent.common.events.OutboxRelay;
import vent.common.events.StreamConsumer;
import vent.common.metrics.MetricsRegistration;
import vent.common.metrics.MetricsServer;
import vent.common.metrics.MetricsSettings;
import vent.common.metrics.ProcessMetrics;
import vent.common.metrics.StreamMetrics;
import vent.common.sentinel.SentinelBootstrap;

/**
 * Runs a provider process: exports its Triple services, registers them in Consul (which then
 * health-checks them by TTL), and on SIGTERM shuts down in the order that loses no call:
 *
 * <ol>
 *   <li>report NOT_SERVING on the standard gRPC health service ({@code grpc.health.v1.Health}), and
 *       deregister from Consul, so consumers stop picking this instance (and its metrics endpoint,
 *       so Prometheus stops scraping it);
 *   <li>keep serving for {@code server.drainMs}, while consumers learn of it;
 *   <li>stop Dubbo, which waits up to {@code server.shutdownWaitMs} for in-flight calls;
 *   <li>run the provider's own close actions (e.g. close Redisson);
 *   <li>stop the global configuration's watch and Sentinel (its Consul KV watch and command port);
 *   <li>close the metrics endpoint.
 * </ol>
 *
 * <p>Metrics ({@link MetricsSettings}: {@code VENT_METRICS}, {@code VENT_METRICS_PORT}): the
 * process's registry starts first of all, so every meter lands in it; with a port, {@link #start()}
 * serves {@code GET /metrics} on it and registers it in Consul as service {@code vent-metrics}.
 *
 * <p>Sentinel ({@code config.sentinel}) starts first, in the constructor, so that its Dubbo filters
 * and rules are in place before any Dubbo object exists; the global configuration (Consul KV under
 * {@code config.globalConfig.kvPrefix}, docs/CONFIG.md) is read next, so the provider binds its
 * keys to Consul's values when it wires its objects.
 */
public final class ProviderServer {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderServer.class);

  private final ProviderConfig config;
  private final SentinelBootstrap sentinel;
  private final GlobalConfigWatch globalConfig;
  private final DubboNode node;
  private final MetricsSettings metrics;
  private MetricsServer metricsServer;
  private MetricsRegistration metricsRegistration;
  private StreamMetrics streamMetrics;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  /**
   * Starts Sentinel and prepares the JVM for Dubbo; build the provider's objects after this.
   *
   * @throws IllegalStateException if Sentinel's command port cannot be bound
   * @throws IllegalArgumentException if {@code VENT_METRICS} or {@code VENT_METRICS_PORT} is
   *     invalid
   */
  public ProviderServer(ProviderConfig config) {
    this.config = config;
    this.metrics = MetricsSettings.fromEnvironment();
    if (metrics.enabled()) {
      ProcessMetrics.start(config.application, ProcessMetrics.instanceFromEnvironment());
    }
    this.sentinel = SentinelBootstrap.start(config.application, config.sentinel, config.registry);
    this.globalConfig =
        GlobalConfigWatch.start(config.application, config.globalConfig, config.registry);
    System.setProperty("dubbo.service.shutdown.wait", String.valueOf(config.server.shutdownWaitMs));
    DubboDefaults.enableBuiltinServices();
    this.node =
        new DubboNode(
                config.application,
                config.registry,
                config.server.loopbackOnly,
                config.sentinel.enabled)
            .tls(config.tls);
    if (!node.callers(config.callers)) {
      LOG.warn(
          "event=caller_auth_off application={} detail=\"callers.trusted is empty: methods restricted to some callers take any caller\"",
          config.application);
    }
  }

  /** The Dubbo application, to export services and declare references before {@link #start()}. */
  public DubboNode node() {
    return node;
  }

  /** The global configuration (Consul KV over the local YAML), to bind the provider's keys on. */
  public GlobalConfig globalConfig() {
    return globalConfig.config();
  }

  /** Exports {@code impl} as {@code iface} over Triple on the configured port. */
  public <T> ProviderServer provide(Class<T> iface, T impl) {
    node.provide(iface, impl, config.server);
    return this;
  }

  /**
   * Starts a member of consumer group {@code group} on every shard of {@code stream} (one thread
   * per shard) with the configured event settings; they stop on shutdown after the provider has
   * deregistered and drained, before Redis is closed.
   *
   * @param stream a base name, e.g. {@link EventStreams#USER}
   */
  public ProviderServer consume(
      RedissonClient redis, String stream, String group, EventHandler handler) {
    for (String shard : EventStreams.shards(stream, config.events.shards)) {
      closeOnStop(
          StreamConsumer.start(
              redis, shard, config.events.consumer(group, config.application), handler));
      if (metrics.enabled()) {
        streamMetrics(redis).watch(shard, group);
      }
    }
    return this;
  }

  /** The process's stream gauges, created with its first consumer; removed before Redis closes. */
  private StreamMetrics streamMetrics(RedissonClient redis) {
    if (streamMetrics == null) {
      streamMetrics = new StreamMetrics(redis);
      closeOnStop(streamMetrics);
    }
    return streamMetrics;
  }

  /**
   * The relay of {@code service}'s outboxes, its sweep started; stopped on shutdown.
   *
   * @param service the producing service, as in {@link vent.common.events.Outbox#key}
   */
  public OutboxRelay outbox(RedissonClient redis, String service) {
    OutboxRelay relay =
        new OutboxRelay(redis, service)
            .startSweeper(
                Duration.ofMillis(config.events.outboxSweepMs),
                Duration.ofMillis(config.events.outboxMinAgeMs));
    closeOnStop(relay);
    return relay;
  }

  /** Closed last on shutdown, in reverse order of registration. */
  public ProviderServer closeOnStop(AutoCloseable closeable) {
    closeables.add(closeable);
    return this;
  }

  /** Starts serving and installs the SIGTERM handler. */
  public ProviderServer start() {
    long t0 = System.nanoTime();
    // Bound before serving: a taken metrics port fails the start before anything is registered.
    if (metrics.serves()) {
      metricsServer = MetricsServer.start(metrics.port().getAsInt());
    }
    node.start();
    registerMetrics();
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "vent-shutdown"));
    LOG.info(
        "event=provider_started application={} port={} registry={} startMs={}",
        config.application,
        config.server.port,
        config.registry.dubboAddress(),
        (System.nanoTime() - t0) / 1_000_000);
    return this;
  }

  /**
   * Registers the metrics endpoint served since {@link #start()} began. A metrics port that cannot
   * be bound has failed the start (a configuration error, like a taken Triple port); Consul
   * refusing the registration does not: the provider serves, logged {@code
   * event=metrics_register_failed}, unscraped.
   */
  private void registerMetrics() {
    if (metricsServer == null) {
      return;
    }
    try {
      metricsRegistration =
          MetricsRegistration.register(
              config.registry,
              config.application,
              ProcessMetrics.instanceFromEnvironment(),
              metricsServer.port());
    } catch (RuntimeException e) {
      LOG.warn(
          "event=metrics_register_failed application={} error=\"{}\"",
          config.application,
          e.toString().replace('"', '\''));
    }
  }

  /** Blocks until {@link #stop()} has finished. */
  public void awaitTermination() throws InterruptedException {
    stopped.await();
  }

  /** The shutdown sequence of the class comment; idempotent. */
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      node.notServing();
      if (metricsRegistration != null) {
        metricsRegistration.close();
      }
      node.deregister();
      LOG.info(
          "event=provider_deregistered application={} drainMs={}",
          config.application,
          config.server.drainMs);
      Thread.sleep(config.server.drainMs);
      node.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn(
          "event=provider_stop_failed application={} error={}", config.application, e.toString());
    } finally {
      for (int i = closeables.size() - 1; i >= 0; i--) {
        try {
          closeables.get(i).close();
        } catch (Exception e) {
          LOG.warn("event=close_failed application={} error={}", config.application, e.toString());
        }
      }
      globalConfig.close();
      sentinel.close();
      if (metricsServer != null) {
        metricsServer.close();
      }
      LOG.info(
          "event=provider_stopped application={} stopMs={}",
          config.application,
          (System.nanoTime() - t0) / 1_000_000);
      stopped.countDown();
    }
  }
}
