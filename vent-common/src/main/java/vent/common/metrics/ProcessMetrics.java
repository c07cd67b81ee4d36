package vent.common.metrics;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The one Prometheus registry of a process.
 *
 * <p>{@link #start} creates it, tags every meter with {@code application} and {@code instance},
 * binds the JVM's meters (memory, GC, threads, class loading, processor, uptime) and adds it to
 * {@link Metrics#globalRegistry}. Shared instrumentation (the Dubbo filter {@link
 * RpcMetricsFilter}, the Redis hook, Sentinel, streams) records to the global registry, so it needs
 * no reference to this class and costs nothing measurable before {@code start} (the global registry
 * is then a composite without members).
 */
public final class ProcessMetrics {

  private static PrometheusMeterRegistry registry;
  private static JvmGcMetrics gc;

  private ProcessMetrics() {}

  /**
   * Creates the registry on the first call; later calls return the same one, whatever their
   * arguments (one registry per process).
   *
   * @param application e.g. {@code vent-provider-user}
   * @param instance the instance within its application, e.g. {@code 1}
   * @param filters meter filters of the process's own meters (e.g. histogram buckets), applied
   *     before any meter is registered
   * @return the registry, already in {@link Metrics#globalRegistry}
   */
  public static synchronized PrometheusMeterRegistry start(
      String application, String instance, MeterFilter... filters) {
    if (registry != null) {
      return registry;
    }
    PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    r.config()
        .commonTags(List.of(Tag.of("application", application), Tag.of("instance", instance)));
    for (MeterFilter filter : filters) {
      r.config().meterFilter(filter);
    }
    new ClassLoaderMetrics().bindTo(r);
    new JvmMemoryMetrics().bindTo(r);
    gc = new JvmGcMetrics();
    gc.bindTo(r);
    new JvmThreadMetrics().bindTo(r);
    new ProcessorMetrics().bindTo(r);
    new UptimeMetrics().bindTo(r);
    Metrics.addRegistry(r);
    registry = r;
    return r;
  }

  /**
   * @return the registry of {@link #start}, or null before it
   */
  public static synchronized PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * @return every meter in Prometheus text format 0.0.4; empty before {@link #start}
   */
  public static String scrape() {
    PrometheusMeterRegistry r = registry();
    return r == null ? "" : r.scrape();
  }

  /** Removes the registry from the global one and closes it; {@link #start} makes a new one. */
  public static synchronized void stop() {
    if (registry == null) {
      return;
    }
    Metrics.removeRegistry(registry);
    gc.close();
    registry.close();
    registry = null;
    gc = null;
  }

  /**
   * The instance name of this process: {@code VENT_INSTANCE} when the launcher sets it, else the
   * process id (unique on one host, which is where Vent's instances of one application share a
   * Consul agent).
   */
  public static String instanceFromEnvironment() {
    String env = System.getenv("VENT_INSTANCE");
    return env == null || env.isBlank()
        ? String.valueOf(ProcessHandle.current().pid())
        : env.strip();
  }
}
