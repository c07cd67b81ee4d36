package vent.common.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import vent.common.config.RegistrySettings;

/**
 * A real Consul agent ({@code consul agent -dev}) for tests, one per JVM, on free loopback
 * ports, stopped when the JVM exits. The binary is {@code $VENT_CONSUL_BIN}, else {@code consul}
 * on the PATH ({@code ./vent test} installs Debian bullseye's package into .tools).
 */
public final class ConsulAgent {

  private static ConsulAgent shared;

  private final Process process;
  private final int httpPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private ConsulAgent(Process process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  /** The JVM-wide agent, started on the first call. */
  public static synchronized ConsulAgent shared() {
    if (shared == null) {
      shared = start();
      ConsulAgent s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "consul-test-stop"));
    }
    return shared;
  }

  public int httpPort() {
    return httpPort;
  }

  /** Settings pointing at this agent. */
  public RegistrySettings registry() {
    RegistrySettings settings = new RegistrySettings();
    settings.port = httpPort;
    return settings;
  }

  /** GET on Consul's HTTP API, e.g. {@code /v1/health/service/x?passing=true}; returns the body. */
  public String get(String pathAndQuery) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + pathAndQuery)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** PUT on Consul's HTTP API, e.g. {@code /v1/kv/some/key} with the value as body; returns the body. */
  public String put(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .PUT(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(5)).build());
  }

  /** DELETE on Consul's HTTP API, e.g. {@code /v1/kv/some/key}; returns the body. */
  public String delete(String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .DELETE().timeout(Duration.ofSeconds(5)).build());
  }

  private String send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static ConsulAgent start() {
    String binary = System.getenv().getOrDefault("VENT_CONSUL_BIN", "consul");
    int http = RedisServer.freePort();
    try {
      Path dir = Files.createTempDirectory("vent-consul-test");
      Process p = new ProcessBuilder(List.of(binary, "agent", "-dev", "-node", "vent-test",
              "-bind", "127.0.0.1", "-client", "127.0.0.1", "-advertise", "127.0.0.1",
              "-http-port", String.valueOf(http), "-dns-port", "-1", "-grpc-port", "-1",
              "-server-port", String.valueOf(RedisServer.freePort()),
              "-serf-lan-port", String.valueOf(RedisServer.freePort()),
              "-serf-wan-port", String.valueOf(RedisServer.freePort())))
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("consul.log").toFile())
          .start();
      ConsulAgent agent = new ConsulAgent(p, http);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException("consul exited, see " + dir.resolve("consul.log"));
        }
        try {
          if (agent.get("/v1/status/leader").strip().matches("\"[^\"]+\"")) {
            return agent;
          }
        } catch (IllegalStateException notYet) {
          // not listening yet
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
      p.destroyForcibly();
      throw new IllegalStateException("consul elected no leader within 30 s, see " + dir.resolve("consul.log"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + binary + " (run ./vent test, which installs consul)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void stop() {
    TestProcesses.stop(process, Duration.ofSeconds(10));
  }
}
