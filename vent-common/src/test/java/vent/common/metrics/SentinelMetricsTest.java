package vent.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.csp.sentinel.metric.extension.MetricExtension;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeException;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRule;
import com.alibaba.csp.sentinel.slots.block.degrade.circuitbreaker.CircuitBreaker;
import com.alibaba.csp.sentinel.slots.block.flow.FlowException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SentinelMetricsTest {

  private static final String RESOURCE = "dev.vent.user.v1.UserService:getProfile";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SentinelMetrics metrics = new SentinelMetrics(true, registry);

  @Test
  void passBlockAndExceptionAreCountedPerResourceAndRule() {
    metrics.addPass(RESOURCE, 1);
    metrics.addPass(RESOURCE, 2);
    metrics.addBlock(RESOURCE, 1, "", new FlowException("flow"));
    metrics.addBlock(RESOURCE, 1, "", new DegradeException("degrade"));
    metrics.addException(RESOURCE, 1, new IllegalStateException());

    assertThat(registry.get(SentinelMetrics.PASS).tag("resource", RESOURCE).counter().count())
        .isEqualTo(3);
    assertThat(registry.get(SentinelMetrics.BLOCK).tag("rule", "flow").counter().count())
        .isEqualTo(1);
    assertThat(registry.get(SentinelMetrics.BLOCK).tag("rule", "degrade").counter().count())
        .isEqualTo(1);
    assertThat(registry.get(SentinelMetrics.EXCEPTION).counter().count()).isEqualTo(1);
  }

  @Test
  void circuitBreakerTransitionsSetTheStateGauge() {
    DegradeRule rule = new DegradeRule("vent.test.Breaker");
    SentinelMetrics.stateChanged(registry, rule, CircuitBreaker.State.OPEN);
    var gauge =
        registry.get(SentinelMetrics.CIRCUIT_BREAKER_STATE).tag("resource", "vent.test.Breaker");
    assertThat(gauge.gauge().value()).isEqualTo(1);
    SentinelMetrics.stateChanged(registry, rule, CircuitBreaker.State.HALF_OPEN);
    assertThat(gauge.gauge().value()).isEqualTo(2);
    SentinelMetrics.stateChanged(registry, rule, CircuitBreaker.State.CLOSED);
    assertThat(gauge.gauge().value()).isEqualTo(0);
  }

  @Test
  void offCountsNothing() {
    SentinelMetrics off = new SentinelMetrics(false, registry);
    off.addPass(RESOURCE, 1);
    off.addBlock(RESOURCE, 1, "", new FlowException("flow"));
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void sentinelFindsTheExtensionThroughItsSpiFile() {
    assertThat(
            ServiceLoader.load(MetricExtension.class).stream()
                .map(p -> p.type().getName())
                .toList())
        .contains(SentinelMetrics.class.getName());
  }
}
