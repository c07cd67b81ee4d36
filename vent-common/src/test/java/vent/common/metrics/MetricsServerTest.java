package vent.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What Prometheus gets from the endpoint. */
class MetricsServerTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesTheRegistryAsPrometheusText() throws Exception {
    ProcessMetrics.start("vent-test", "1");
    try (MetricsServer server = MetricsServer.start(0)) {
      HttpResponse<String> response = get(server.port(), "/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue(MetricsServer.CONTENT_TYPE);
      assertThat(response.body())
          .contains("# TYPE jvm_memory_used_bytes gauge")
          .contains("application=\"vent-test\"")
          .contains("instance=\"1\"");
      assertThat(get(server.port(), "/other").statusCode()).isEqualTo(404);
    } finally {
      ProcessMetrics.stop();
    }
  }

  @Test
  void aFailingScrapeIsA500AndTheServerKeepsServing() throws Exception {
    int[] calls = {0};
    try (MetricsServer server =
        MetricsServer.start(
            0,
            () -> {
              if (calls[0]++ == 0) {
                throw new IllegalStateException("boom");
              }
              return "up 1\n";
            })) {
      assertThat(get(server.port(), "/metrics").statusCode()).isEqualTo(500);
      HttpResponse<String> second = get(server.port(), "/metrics");
      assertThat(second.statusCode()).isEqualTo(200);
      assertThat(second.body()).isEqualTo("up 1\n");
    }
  }

  @Test
  void startIsIdempotent() {
    try {
      assertThat(ProcessMetrics.start("a", "1")).isSameAs(ProcessMetrics.start("b", "2"));
    } finally {
      ProcessMetrics.stop();
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
