package vent.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vent.web.testing.FakeProviders;
import vent.web.testing.TestApi;

/** REST requests through the real components move http_server_requests_seconds per route. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RouteMetricsTest {

  private final FakeProviders fakes = new FakeProviders();
  private final WebMetrics metrics = new WebMetrics("vent-web", "web");
  private final ResourceExtension api =
      TestApi.over(fakes, false, false, List.of(metrics.routeListener()));

  @AfterEach
  void stop() {
    metrics.stop();
  }

  @Test
  void aRequestIsCountedUnderItsRouteTemplateNotItsPath() {
    api.target("/users/abc").request().get().close();
    api.target("/users/def").request().get().close();

    Timer timer =
        metrics
            .registry()
            .get(WebMetrics.HTTP_SERVER_REQUESTS)
            .tag("uri", "/users/{id}")
            .tag("method", "GET")
            .tag("status", "400")
            .tag("outcome", "CLIENT_ERROR")
            .timer();
    assertThat(timer.count()).isEqualTo(2);
    assertThat(metrics.registry().find(WebMetrics.HTTP_SERVER_REQUESTS).timers())
        .allSatisfy(t -> assertThat(t.getId().getTag("uri")).doesNotContain("abc", "def"));
  }

  @Test
  void theScrapeHasTheHistogramWithTheCommonTags() {
    api.target("/users/abc").request().get().close();

    String scrape = metrics.registry().scrape();
    assertThat(scrape)
        .containsPattern(
            "http_server_requests_seconds_bucket\\{application=\"vent-web\",[^}]*"
                + "instance=\"web\",[^}]*uri=\"/users/\\{id\\}\",le=\"\\+Inf\"\\} 1");
    assertThat(scrape).contains("jvm_memory_used_bytes{").contains("process_uptime_seconds{");
  }

  @Test
  void unmatchedPathsShareOneSeries() {
    api.target("/no/such/route/123").request().get().close();

    assertThat(
            metrics
                .registry()
                .get(WebMetrics.HTTP_SERVER_REQUESTS)
                .tag("uri", "NOT_FOUND")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void theRegistryJoinsTheGlobalOneUntilStopped() {
    assertThat(Metrics.globalRegistry.getRegistries()).contains(metrics.registry());
    Metrics.counter("vent.test.shared").increment();
    assertThat(metrics.registry().scrape()).contains("vent_test_shared_total{");

    metrics.stop();
    assertThat(Metrics.globalRegistry.getRegistries()).doesNotContain(metrics.registry());
  }
}
