package vent.common.metrics;

import com.alibaba.csp.sentinel.metric.extension.MetricExtension;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import com.alibaba.csp.sentinel.slots.block.authority.AuthorityException;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeException;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRule;
import com.alibaba.csp.sentinel.slots.block.degrade.circuitbreaker.CircuitBreaker;
import com.alibaba.csp.sentinel.slots.block.degrade.circuitbreaker.EventObserverRegistry;
import com.alibaba.csp.sentinel.slots.block.flow.FlowException;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowException;
import com.alibaba.csp.sentinel.slots.system.SystemBlockException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sentinel's counts per resource into {@link Metrics#globalRegistry}, through Sentinel's metric
 * extension SPI ({@code
 * META-INF/services/com.alibaba.csp.sentinel.metric.extension.MetricExtension}, called by
 * Sentinel's statistic slot on every guarded entry):
 *
 * <ul>
 *   <li>{@code sentinel.pass} (Prometheus {@code sentinel_pass_total}), tag {@code resource}:
 *       entries let through;
 *   <li>{@code sentinel.block} ({@code sentinel_block_total}), tags {@code resource} and {@code
 *       rule} ({@code flow}, {@code param_flow}, {@code degrade}, {@code system}, {@code
 *       authority}, {@code other}): entries refused;
 *   <li>{@code sentinel.exception} ({@code sentinel_exception_total}), tag {@code resource}:
 *       business exceptions traced (those {@code CountedFailures} counts);
 *   <li>{@code sentinel.circuit.breaker.state} ({@code sentinel_circuit_breaker_state}), tag {@code
 *       resource}: 0 closed, 1 open, 2 half-open, the state of the resource's last circuit-breaker
 *       transition; present from a resource's first transition on ({@link
 *       #observeCircuitBreakers}).
 * </ul>
 *
 * Resources are Vent's Dubbo interfaces and methods and its own guarded names: a bounded set. Hot
 * parameters never become tags. With {@code VENT_METRICS=off} every method returns at once.
 */
public final class SentinelMetrics implements MetricExtension {

  public static final String PASS = "sentinel.pass";
  public static final String BLOCK = "sentinel.block";
  public static final String EXCEPTION = "sentinel.exception";
  public static final String CIRCUIT_BREAKER_STATE = "sentinel.circuit.breaker.state";

  private static final String OBSERVER = "vent-metrics";
  private static final boolean ENABLED_BY_ENVIRONMENT = MetricsSettings.enabledInEnvironment();

  private final boolean enabled;
  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> passes = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> exceptions = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> blocks = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, AtomicInteger> STATES = new ConcurrentHashMap<>();

  /** Sentinel's (SPI): the global registry, on unless {@code VENT_METRICS=off}. */
  public SentinelMetrics() {
    this(ENABLED_BY_ENVIRONMENT, Metrics.globalRegistry);
  }

  SentinelMetrics(boolean enabled, MeterRegistry registry) {
    this.enabled = enabled;
    this.registry = registry;
  }

  /**
   * Follows circuit-breaker transitions into {@value #CIRCUIT_BREAKER_STATE}; call once Sentinel
   * runs (SentinelBootstrap). Does nothing with {@code VENT_METRICS=off}.
   */
  public static void observeCircuitBreakers() {
    if (ENABLED_BY_ENVIRONMENT) {
      observeCircuitBreakers(Metrics.globalRegistry);
    }
  }

  static void observeCircuitBreakers(MeterRegistry registry) {
    EventObserverRegistry.getInstance()
        .addStateChangeObserver(
            OBSERVER, (from, to, rule, snapshot) -> stateChanged(registry, rule, to));
  }

  static void stateChanged(MeterRegistry registry, DegradeRule rule, CircuitBreaker.State to) {
    String resource = rule.getResource();
    STATES
        .computeIfAbsent(
            resource,
            r -> {
              AtomicInteger state = new AtomicInteger();
              Gauge.builder(CIRCUIT_BREAKER_STATE, state, AtomicInteger::get)
                  .description("Circuit breaker state: 0 closed, 1 open, 2 half-open")
                  .tag("resource", r)
                  .register(registry);
              return state;
            })
        .set(code(to));
  }

  static int code(CircuitBreaker.State state) {
    return switch (state) {
      case CLOSED -> 0;
      case OPEN -> 1;
      case HALF_OPEN -> 2;
    };
  }

  static String rule(BlockException e) {
    if (e instanceof ParamFlowException) {
      return "param_flow";
    }
    if (e instanceof FlowException) {
      return "flow";
    }
    if (e instanceof DegradeException) {
      return "degrade";
    }
    if (e instanceof SystemBlockException) {
      return "system";
    }
    if (e instanceof AuthorityException) {
      return "authority";
    }
    return "other";
  }

  @Override
  public void addPass(String resource, int n, Object... args) {
    if (enabled) {
      counter(passes, PASS, resource, null).increment(n);
    }
  }

  @Override
  public void addBlock(
      String resource, int n, String origin, BlockException blockException, Object... args) {
    if (enabled) {
      counter(blocks, BLOCK, resource, rule(blockException)).increment(n);
    }
  }

  @Override
  public void addException(String resource, int n, Throwable throwable) {
    if (enabled) {
      counter(exceptions, EXCEPTION, resource, null).increment(n);
    }
  }

  @Override
  public void addSuccess(String resource, int n, Object... args) {}

  @Override
  public void addRt(String resource, long rt, Object... args) {}

  @Override
  public void increaseThreadNum(String resource, Object... args) {}

  @Override
  public void decreaseThreadNum(String resource, Object... args) {}

  private Counter counter(
      ConcurrentMap<String, Counter> cache, String name, String resource, String rule) {
    String key = rule == null ? resource : resource + '\n' + rule;
    return cache.computeIfAbsent(
        key,
        k -> {
          Counter.Builder b = Counter.builder(name).tag("resource", resource);
          if (rule != null) {
            b.tag("rule", rule);
          }
          return b.register(registry);
        });
  }
}
