package vent.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** When each process counts as ready, and the wait for it during {@code up}. */
final class Health {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Context c;

  Health(Context c) {
    this.c = c;
  }

  /**
   * Consul: leader, consistent read, token; Redis: PONG; a provider: its port listens and is among
   * the passing instances of its Consul service (a crashed instance's entry stays passing until its
   * TTL ends); Prometheus: /-/ready answers 200; vent-web: its health check answers 200.
   */
  boolean ready(ProcessSpec p) {
    return switch (p.group()) {
      case Processes.CONSUL ->
          p.name().equals(Processes.CONSUL)
              ? c.consul().ready(c.topology.kv().sentinelRules())
              : c.consul(p.ports().get(0)).hasLeader();
      case Processes.REDIS -> redisNode(p).ping();
      case Processes.PROVIDERS ->
          listening(p.ports().get(0))
              && c.consul().passingPorts(p.provider().service()).contains(p.ports().get(0));
      case Prometheus.GROUP -> new Prometheus(c).ready();
      case Tracing.GROUP -> get(Tracing.healthUrl(c.settings)).statusCode() == 200;
      default -> webHealthCode() == 200;
    };
  }

  private RedisCli redisNode(ProcessSpec p) {
    return c.redis(
        c.settings.redisNodes().stream()
            .filter(n -> n.name().equals(p.name()))
            .findFirst()
            .orElseThrow());
  }

  int webHealthCode() {
    return webHealth().statusCode();
  }

  HttpResponse<String> webHealth() {
    return get("http://127.0.0.1:" + c.settings.adminPort + "/healthcheck");
  }

  /** A GET with a 3 s timeout; status 0 when nothing answered. */
  private static HttpResponse<String> get(String url) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new NoAnswer();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new NoAnswer();
    }
  }

  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits until each process is ready; one that exits while starting fails the wait at once. */
  void await(long deadlineNanos, List<ProcessSpec> processes) throws InterruptedException {
    List<ProcessSpec> pending = new ArrayList<>(processes);
    while (true) {
      List<ProcessSpec> still = new ArrayList<>();
      List<ProcessSpec> dead = new ArrayList<>();
      Map<String, Supervisor.State> states = c.supervisor.status();
      for (ProcessSpec p : pending) {
        if (ready(p)) {
          continue;
        }
        Supervisor.State st = states.get(p.name());
        if (st == null || st.failed()) {
          dead.add(p);
        }
        still.add(p);
      }
      if (still.isEmpty()) {
        return;
      }
      if (!dead.isEmpty()) {
        Out.error("exited during start-up: " + names(dead));
        dead.forEach(p -> showLogTail(p.name()));
        throw new Up.StartFailed(null);
      }
      if (System.nanoTime() > deadlineNanos) {
        Out.error(
            "not ready after "
                + c.settings.startTimeout
                + " s (VENT_START_TIMEOUT): "
                + names(still));
        for (ProcessSpec p : still) {
          describe(p);
          showLogTail(p.name());
        }
        throw new Up.StartFailed(null);
      }
      pending = still;
      Thread.sleep(500);
    }
  }

  private void describe(ProcessSpec p) {
    String text =
        switch (p.group()) {
          case Processes.CONSUL ->
              p.name()
                  + ": no leader at http://127.0.0.1:"
                  + p.ports().get(0)
                  + "/v1/status/leader";
          case Processes.REDIS -> p.name() + ": no PONG on 127.0.0.1:" + p.ports().get(0);
          case Prometheus.GROUP ->
              p.name() + ": GET " + new Prometheus(c).base() + "/-/ready did not answer 200";
          case Tracing.GROUP ->
              p.name()
                  + ": GET "
                  + Tracing.healthUrl(c.settings)
                  + " answered "
                  + get(Tracing.healthUrl(c.settings)).statusCode();
          case Processes.PROVIDERS ->
              p.name()
                  + ": port "
                  + p.ports().get(0)
                  + " not passing in Consul service "
                  + p.provider().service()
                  + " (passing ports: "
                  + c.consul().passingPorts(p.provider().service())
                  + ")";
          default -> {
            HttpResponse<String> r = webHealth();
            String body = r.body() == null ? "" : r.body();
            yield "web: GET http://127.0.0.1:"
                + c.settings.adminPort
                + "/healthcheck answered "
                + r.statusCode()
                + ":\n"
                + body.substring(0, Math.min(2000, body.length()));
          }
        };
    System.err.println("  " + text);
  }

  /** The log lines of the process's last start. */
  void showLogTail(String name) {
    Path log = c.settings.logDir().resolve(name + ".log");
    if (!Files.exists(log)) {
      return;
    }
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      int from = 0;
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).startsWith("===== ") && lines.get(i).contains(" vent: starting ")) {
          from = i;
          break;
        }
      }
      int tail = Integer.parseInt(c.settings.get("VENT_LOG_TAIL", "25"));
      List<String> last = lines.subList(Math.max(from, lines.size() - tail), lines.size());
      System.err.println("--- last lines of " + Seeder.relative(log) + " (this start) ---");
      last.forEach(System.err::println);
    } catch (IOException | NumberFormatException e) {
      // Nothing to show.
    }
  }

  static String names(List<ProcessSpec> processes) {
    return String.join(" ", processes.stream().map(ProcessSpec::name).toList());
  }

  /** No HTTP answer: status 0. */
  static final class NoAnswer implements HttpResponse<String> {
    static final NoAnswer INSTANCE = new NoAnswer();

    @Override
    public int statusCode() {
      return 0;
    }

    @Override
    public HttpRequest request() {
      return null;
    }

    @Override
    public java.util.Optional<HttpResponse<String>> previousResponse() {
      return java.util.Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
    }

    @Override
    public String body() {
      return "";
    }

    @Override
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
      return java.util.Optional.empty();
    }

    @Override
    public URI uri() {
      return null;
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
