package vent.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.csp.sentinel.slots.block.flow.FlowException;
import io.micrometer.core.instrument.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The names the other processes and the dashboards rely on, as Prometheus scrapes them. */
class PrometheusNamesTest {

  @AfterEach
  void stop() {
    ProcessMetrics.stop();
  }

  @Test
  void sharedInstrumentationLandsInTheProcessRegistryUnderTheContractsNames() {
    ProcessMetrics.start("vent-provider-test", "3");
    new RpcMetricsFilter(true, Metrics.globalRegistry)
        .timer(RpcMetricsFilter.SERVER, "dev.vent.user.v1.UserService", "GetProfile", "OK")
        .record(java.time.Duration.ofMillis(7));
    new RpcMetricsFilter(true, Metrics.globalRegistry)
        .timer(RpcMetricsFilter.CLIENT, "dev.vent.user.v1.UserService", "GetProfile", "UNAVAILABLE")
        .record(java.time.Duration.ofMillis(7));
    new SentinelMetrics(true, Metrics.globalRegistry)
        .addBlock("dev.vent.user.v1.UserService", 1, "", new FlowException("x"));

    String text = ProcessMetrics.scrape();
    assertThat(text)
        .contains(
            "rpc_server_duration_seconds_bucket{application=\"vent-provider-test\",instance=\"3\",rpc_grpc_status_code=\"OK\",rpc_method=\"GetProfile\",rpc_service=\"dev.vent.user.v1.UserService\",le=\"0.01\"} 1")
        .contains("rpc_client_duration_seconds_count{")
        .contains("rpc_grpc_status_code=\"UNAVAILABLE\"")
        .contains("sentinel_block_total{")
        .contains("jvm_gc_")
        .contains("process_uptime_seconds");
  }
}
