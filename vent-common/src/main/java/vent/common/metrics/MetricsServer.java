package vent.common.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} on 127.0.0.1: 200 with the Prometheus text exposition format ({@code
 * text/plain; version=0.0.4; charset=utf-8}); 405 for other methods, 404 for other paths.
 *
 * <p>The JDK's own HTTP server on one daemon thread: a scrape every few seconds needs no more, and
 * no second HTTP stack comes into the providers. Loopback only, like every port of Vent; Prometheus
 * runs on the same host (the launcher's).
 *
 * <p>Logs {@code event=metrics_serving port=...} when bound and {@code event=metrics_stopped} on
 * {@link #close()}.
 */
public final class MetricsServer implements AutoCloseable {

  /** The path served. */
  public static final String PATH = "/metrics";

  /** Prometheus's text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final int port;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
    this.port = server.getAddress().getPort();
  }

  /**
   * Binds 127.0.0.1:{@code port} and serves {@link ProcessMetrics#scrape()}.
   *
   * @param port 1-65535, or 0 for any free port (tests)
   * @throws UncheckedIOException if the port cannot be bound (taken)
   */
  public static MetricsServer start(int port) {
    return start(port, ProcessMetrics::scrape);
  }

  /**
   * As {@link #start(int)} with the body from {@code scrape}.
   *
   * @param scrape called once per request, on the server's thread
   */
  public static MetricsServer start(int port, Supplier<String> scrape) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind metrics port 127.0.0.1:" + port, e);
    }
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "vent-metrics-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, scrape));
    server.start();
    MetricsServer out = new MetricsServer(server, executor);
    LOG.info("event=metrics_serving port={} path={}", out.port(), PATH);
    return out;
  }

  private static void handle(HttpExchange exchange, Supplier<String> scrape) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try {
        body = scrape.get().getBytes(StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        // A failed scrape is a 500 that Prometheus records as the target down, never a dead thread.
        LOG.warn("event=metrics_scrape_failed error=\"{}\"", e.toString());
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The bound port. */
  public int port() {
    return port;
  }

  /** Stops at once (a scrape in progress is cut) and frees the port. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    LOG.info("event=metrics_stopped port={}", port);
  }
}
