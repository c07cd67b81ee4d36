package vent.web.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;

/**
 * {@code GET /prometheus} on the admin port: the registry in the Prometheus text format 0.0.4
 * ({@value #CONTENT_TYPE}), 200. Not cached: every scrape reads the meters afresh.
 */
public final class PrometheusServlet extends HttpServlet {

  /** The content type Prometheus expects of the text format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final long serialVersionUID = 1L;

  private final transient PrometheusMeterRegistry registry;

  /**
   * @param registry the registry to scrape on every request
   */
  public PrometheusServlet(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // scrape() writes the 0.0.4 text format whatever the request's Accept header says, so the
    // content type is fixed too (OpenMetrics would need its own writer and content type).
    String body = registry.scrape();
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(CONTENT_TYPE);
    response.setHeader("Cache-Control", "no-store");
    try (Writer out = response.getWriter()) {
      out.write(body);
    }
  }
}
