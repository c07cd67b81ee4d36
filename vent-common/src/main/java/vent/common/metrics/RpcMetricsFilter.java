package vent.common.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.BaseFilter;
import org.apache.dubbo.rpc.Filter;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.TriRpcStatus;

/**
 * Both sides: times every Triple call into {@link Metrics#globalRegistry}.
 *
 * <ul>
 *   <li>provider side: Timer {@value #SERVER} (Prometheus {@code rpc_server_duration_seconds});
 *   <li>consumer side: Timer {@value #CLIENT} (Prometheus {@code rpc_client_duration_seconds}),
 *       once per attempt on one provider instance (a failover retry is a second sample);
 * </ul>
 *
 * tagged {@code rpc_service} (the interface, e.g. {@code dev.vent.user.v1.UserService}), {@code
 * rpc_method} and {@code rpc_grpc_status_code}: {@code OK}, or the name of the gRPC code the
 * failure maps to ({@link TriRpcStatus#getStatus(Throwable)}, as the access log does), with the
 * histogram buckets of {@link LatencyBuckets#REQUEST} (5 ms to 10 s).
 *
 * <p>Ordered outside every Vent filter ({@code order} below {@code VentErrorFilter}'s -100000), so
 * the provider side sees the status the caller sees (after VentErrorFilter's mapping) and the
 * consumer side the failure LostCallFilter turns a lost call into.
 *
 * <p>With {@code VENT_METRICS=off} the filter passes calls through untouched: one read of a final
 * field per call, no clock, no meter.
 */
@Activate(
    group = {CommonConstants.PROVIDER, CommonConstants.CONSUMER},
    order = RpcMetricsFilter.ORDER)
public class RpcMetricsFilter implements Filter, BaseFilter.Listener {

  /** Outside VentErrorFilter (-100000) and CallerAuthFilter (-90000). */
  static final int ORDER = -110000;

  /** Provider-side Timer name (base unit seconds). */
  public static final String SERVER = "rpc.server.duration";

  /** Consumer-side Timer name (base unit seconds). */
  public static final String CLIENT = "rpc.client.duration";

  private static final boolean ENABLED_BY_ENVIRONMENT = MetricsSettings.enabledInEnvironment();
  private static final String STARTED = "vent.metrics.startedNanos";

  private final boolean enabled;
  private final MeterRegistry registry;

  /** Dubbo's (SPI): the global registry, on unless {@code VENT_METRICS=off}. */
  public RpcMetricsFilter() {
    this(ENABLED_BY_ENVIRONMENT, Metrics.globalRegistry);
  }

  RpcMetricsFilter(boolean enabled, MeterRegistry registry) {
    this.enabled = enabled;
    this.registry = registry;
  }

  @Override
  public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
    if (enabled) {
      invocation.put(STARTED, System.nanoTime());
    }
    return invoker.invoke(invocation);
  }

  @Override
  public void onResponse(Result appResponse, Invoker<?> invoker, Invocation invocation) {
    record(invoker, invocation, appResponse.hasException() ? appResponse.getException() : null);
  }

  @Override
  public void onError(Throwable t, Invoker<?> invoker, Invocation invocation) {
    record(invoker, invocation, t);
  }

  private void record(Invoker<?> invoker, Invocation invocation, Throwable failure) {
    if (!enabled || !(invocation.get(STARTED) instanceof Long started)) {
      return;
    }
    // A metric must never fail the call it measures.
    try {
      long nanos = System.nanoTime() - started;
      boolean provider = CommonConstants.PROVIDER_SIDE.equals(invoker.getUrl().getSide());
      timer(
              provider ? SERVER : CLIENT,
              invoker.getInterface().getName(),
              invocation.getMethodName(),
              status(failure))
          .record(nanos, TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      // Nothing to log per call: a broken registry would flood the log.
    }
  }

  Timer timer(String name, String service, String method, String status) {
    return Timer.builder(name)
        .description(
            SERVER.equals(name)
                ? "Triple calls served by this process"
                : "Triple calls this process made, per attempt")
        .tag("rpc_service", service)
        .tag("rpc_method", method)
        .tag("rpc_grpc_status_code", status)
        .serviceLevelObjectives(LatencyBuckets.REQUEST)
        .register(registry);
  }

  /** {@code OK}, or the gRPC code name {@code failure} maps to. */
  static String status(Throwable failure) {
    return failure == null ? "OK" : TriRpcStatus.getStatus(failure).code.name();
  }
}
