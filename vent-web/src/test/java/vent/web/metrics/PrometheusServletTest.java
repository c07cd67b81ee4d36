package vent.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /prometheus: 200, the Prometheus text content type, the registry's meters. */
class PrometheusServletTest {

  @Test
  void answersTheTextFormat() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("vent.test.requests").increment(3);
    Map<String, Object> seen = new HashMap<>();
    StringWriter body = new StringWriter();
    HttpServletResponse response =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getWriter" -> new PrintWriter(body);
                      case "setStatus", "setContentType" -> seen.put(method.getName(), args[0]);
                      case "setHeader" -> seen.put((String) args[0], args[1]);
                      default -> null;
                    });
    HttpServletRequest request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> null);

    new PrometheusServlet(registry).doGet(request, response);

    assertThat(seen)
        .containsEntry("setStatus", 200)
        .containsEntry("setContentType", "text/plain; version=0.0.4; charset=utf-8")
        .containsEntry("Cache-Control", "no-store");
    assertThat(body.toString()).contains("vent_test_requests_total 3.0");
  }
}
