package vent.common.sentinel;

import com.alibaba.csp.sentinel.command.CommandHandler;
import com.alibaba.csp.sentinel.command.CommandHandlerProvider;
import com.alibaba.csp.sentinel.command.CommandRequest;
import com.alibaba.csp.sentinel.command.CommandResponse;
import com.alibaba.csp.sentinel.spi.Spi;
import com.alibaba.csp.sentinel.transport.CommandCenter;
import com.alibaba.csp.sentinel.transport.config.TransportConfig;
import com.alibaba.csp.sentinel.transport.util.HttpCommandUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentinel's command port (the "transport" the dashboard talks to), bound to ONE address.
 *
 * <p>Sentinel's {@code SimpleHttpCommandCenter} listens on every interface, and anyone who reaches
 * the port can rewrite every rule. This replacement (a Sentinel SPI with the highest priority, see
 * {@code META-INF/services/com.alibaba.csp.sentinel.transport.CommandCenter}) binds only to {@link
 * SentinelSettings#commandHost} (127.0.0.1 by default) and {@link SentinelSettings#commandPort}, on
 * the JDK's HTTP server, and serves the same commands: {@code /<command>} is dispatched to the
 * {@link CommandHandler} Sentinel registers under that name ({@code setRules}, {@code getRules},
 * {@code setParamFlowRules}, {@code metric}, ...), with parameters parsed by {@link
 * CommandRequests}.
 *
 * <p>Commands that change state (everything but the reads of {@link CommandRequests#READS}) run
 * only on POST, and a request carrying an {@code Origin} header or a {@code Host} that is a DNS
 * name is refused before it is read: a web page in the operator's browser must not be able to drive
 * the port ({@link CommandRequests#refusal}).
 *
 * <p>Answers: 200 with the handler's result as plain text (e.g. {@code success}); 403 or 405 (with
 * {@code Allow: POST}) for a refused request; 400 with a one-line plain-text reason for anything
 * else that fails (unknown command, bad encoding, a handler failure); never a stack trace.
 *
 * <p>Unlike Sentinel's, it does not move to the next free port when its port is taken: ports are
 * assigned per process, so a taken port is a configuration error, reported by {@link
 * SentinelBootstrap#start}.
 */
@Spi(order = Spi.ORDER_HIGHEST)
public final class VentCommandCenter implements CommandCenter {

  private static final Logger LOG = LoggerFactory.getLogger(VentCommandCenter.class);

  /** Largest request body accepted, bytes; a full rule list is far smaller. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private static volatile InetSocketAddress configured;
  private static volatile InetSocketAddress bound;
  private static volatile Exception failure;

  private volatile Map<String, CommandHandler> handlers = Map.of();
  private HttpServer server;
  private ExecutorService executor;

  /** Instantiated by Sentinel's SPI loader. */
  public VentCommandCenter() {}

  /**
   * Where the next {@link #start()} binds; set by {@link SentinelBootstrap} before Sentinel starts.
   */
  static void configure(String host, int port) {
    configured = new InetSocketAddress(host, port);
    failure = null;
  }

  /**
   * @return the address the command port listens on, empty while it is not listening
   */
  public static Optional<InetSocketAddress> boundAddress() {
    return Optional.ofNullable(bound);
  }

  /**
   * @return why the last start failed, if it did
   */
  static Optional<Exception> startFailure() {
    return Optional.ofNullable(failure);
  }

  /** Collects Sentinel's command handlers (its SPI), by command name. */
  @Override
  @SuppressWarnings("rawtypes")
  public void beforeStart() {
    handlers = CommandHandlerProvider.getInstance().namedHandlers();
  }

  /**
   * Binds and serves in the background. A bind failure is recorded ({@link #startFailure()}) rather
   * than thrown: Sentinel's init would print its stack trace and skip its other init steps.
   */
  @Override
  public synchronized void start() {
    InetSocketAddress address = configured;
    try {
      if (address == null) {
        address = new InetSocketAddress(InetAddress.getLoopbackAddress(), sentinelPort());
      }
      HttpServer http = HttpServer.create(address, 64);
      ExecutorService pool =
          Executors.newFixedThreadPool(
              2,
              r -> {
                Thread t = new Thread(r, "sentinel-command");
                t.setDaemon(true);
                return t;
              });
      http.setExecutor(pool);
      http.createContext("/", this::handle);
      http.start();
      server = http;
      executor = pool;
      bound = http.getAddress();
      failure = null;
      // Heartbeats advertise this port to the dashboard.
      TransportConfig.setRuntimePort(bound.getPort());
    } catch (IOException | RuntimeException e) {
      failure = e;
      LOG.error(
          "event=sentinel_command_port_failed address={} error={}",
          address,
          ConsulRuleSource.oneLine(e));
    }
  }

  /** Closes the port at once (in-flight commands are cut off) and stops its threads. */
  @Override
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
      bound = null;
      TransportConfig.setRuntimePort(-1);
    }
  }

  /** Sentinel's own port setting, when something started Sentinel before {@link #configure}. */
  private static int sentinelPort() {
    String port = TransportConfig.getPort();
    try {
      return Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "no command port configured (sentinel.commandPort), csp.sentinel.api.port=" + port, e);
    }
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      CommandRequests.Refusal refusal =
          CommandRequests.refusal(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestHeaders().getFirst("Origin"),
              exchange.getRequestHeaders().getFirst("Host"),
              handlers::containsKey);
      if (refusal != null) {
        // Method and path are the client's text: only a sanitized, short method is logged.
        String method = exchange.getRequestMethod().replaceAll("[^A-Za-z]", "?");
        LOG.warn(
            "event=sentinel_command_refused method={} status={}",
            method.length() > 16 ? method.substring(0, 16) : method,
            refusal.status());
        if (refusal.status() == 405) {
          exchange.getResponseHeaders().set("Allow", "POST");
        }
        reply(exchange, refusal.status(), refusal.reason());
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        reply(exchange, 400, "request body larger than " + MAX_BODY_BYTES + " bytes");
        return;
      }
      CommandRequest request;
      try {
        request =
            CommandRequests.parse(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                body);
      } catch (IllegalArgumentException e) {
        reply(exchange, 400, e.getMessage());
        return;
      }
      String command = HttpCommandUtils.getTarget(request);
      CommandHandler<?> handler = handlers.get(command);
      if (handler == null) {
        reply(exchange, 400, "Unknown command `" + command + "`");
        return;
      }
      reply(exchange, run(handler, command, request));
    } catch (IOException e) {
      LOG.debug("event=sentinel_command_io_failed error={}", e.toString());
    }
  }

  private static Reply run(CommandHandler<?> handler, String command, CommandRequest request) {
    CommandResponse<?> response;
    try {
      response = handler.handle(request);
    } catch (RuntimeException | LinkageError e) {
      // E.g. setRules with data that is not a JSON rule array: the caller's mistake, not ours.
      LOG.warn(
          "event=sentinel_command_failed command={} error={}",
          command,
          ConsulRuleSource.oneLine(e));
      return new Reply(400, command + " failed: " + ConsulRuleSource.oneLine(e));
    }
    if (response == null) {
      return new Reply(400, command + " failed");
    }
    if (response.isSuccess()) {
      Object result = response.getResult();
      return new Reply(200, result == null ? "" : result.toString());
    }
    Throwable cause = response.getException();
    return new Reply(
        400,
        cause == null || cause.getMessage() == null ? command + " failed" : cause.getMessage());
  }

  private record Reply(int status, String text) {}

  private static void reply(HttpExchange exchange, Reply reply) throws IOException {
    reply(exchange, reply.status(), reply.text());
  }

  private static void reply(HttpExchange exchange, int status, String text) throws IOException {
    String body = status == 200 ? text : text.replaceAll("[\\r\\n]+", " ");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
