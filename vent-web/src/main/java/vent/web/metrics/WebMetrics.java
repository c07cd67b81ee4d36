package vent.web.metrics;

import io.dropwizard.lifecycle.Managed;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.glassfish.jersey.micrometer.server.DefaultJerseyTagsProvider;
import org.glassfish.jersey.micrometer.server.MetricsApplicationEventListener;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import vent.common.metrics.LatencyBuckets;
import vent.common.metrics.ProcessMetrics;

/**
 * vent-web's Prometheus registry: the process registry of {@link ProcessMetrics} (common tags
 * {@code application=vent-web} and {@code instance=<instance>}, the JVM meters, a member of the
 * global registry that shared code such as RPC, Redis and Sentinel records to), plus REST routes.
 *
 * <p>REST routes are timed by Jersey's own Micrometer listener ({@link #routeListener()}) as
 * {@value #HTTP_SERVER_REQUESTS}: in Prometheus {@code
 * http_server_requests_seconds_bucket/_count/_sum} and {@code _max}, tags {@code method}, {@code
 * uri} (the route template, {@code /api/v1/users/{id}}; {@code NOT_FOUND} or {@code REDIRECTION}
 * when no route matched), {@code status}, {@code outcome} ({@code SUCCESS}, {@code CLIENT_ERROR},
 * ...) and {@code exception}.
 *
 * <p>Stopping (a {@link Managed}) removes the registry from the global one and closes it.
 */
public final class WebMetrics implements Managed {

  /** Micrometer name of the REST route timer. */
  public static final String HTTP_SERVER_REQUESTS = "http.server.requests";

  private final PrometheusMeterRegistry registry;

  /**
   * Creates the process registry ({@link ProcessMetrics#start}) with the route histogram.
   *
   * @param application the {@code application} tag, {@code vent-web}
   * @param instance the {@code instance} tag, {@code web}
   */
  public WebMetrics(String application, String instance) {
    registry = ProcessMetrics.start(application, instance, routeHistogram());
  }

  /**
   * @return the registry ({@code /prometheus} scrapes it)
   */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * @return Jersey's Micrometer listener timing every request as {@value #HTTP_SERVER_REQUESTS}
   *     with the route template as {@code uri}; register it with Jersey
   */
  public ApplicationEventListener routeListener() {
    return routeListener(registry);
  }

  /** As {@link #routeListener()}, recording to {@code registry} (tests). */
  public static ApplicationEventListener routeListener(MeterRegistry registry) {
    return new MetricsApplicationEventListener(
        registry, new DefaultJerseyTagsProvider(), HTTP_SERVER_REQUESTS, true);
  }

  /** The route timer as a Prometheus histogram with {@link LatencyBuckets#REQUEST}. */
  static MeterFilter routeHistogram() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals(HTTP_SERVER_REQUESTS)) {
          return config;
        }
        return DistributionStatisticConfig.builder()
            .serviceLevelObjectives(LatencyBuckets.nanos(LatencyBuckets.REQUEST))
            .build()
            .merge(config);
      }
    };
  }

  @Override
  public void stop() {
    ProcessMetrics.stop();
  }
}
