package vent.common.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import vent.common.config.RegistrySettings;

/**
 * A real Consul agent ({@code consul agent -dev}) for tests, on free loopback ports, stopped when
 * the JVM exits: one shared per JVM ({@link #shared()}), or one with ACLs on ({@link
 * #withAcl(String)}). The binary is {@code $VENT_CONSUL_BIN}, else {@code consul} on the PATH
 * ({@code ./vent test} installs Debian bullseye's package into .tools).
 */
public final class ConsulAgent implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ConsulAgent shared;

  private final Process process;
  private final int httpPort;

  /** Sent with this helper's own requests (get, put, delete); empty without ACLs. */
  private final String token;

  private final HttpClient http = HttpClient.newHttpClient();

  private ConsulAgent(Process process, int httpPort, String token) {
    this.process = process;
    this.httpPort = httpPort;
    this.token = token;
  }

  /** The JVM-wide agent, started on the first call. */
  public static synchronized ConsulAgent shared() {
    if (shared == null) {
      shared = start();
      ConsulAgent s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close, "consul-test-stop"));
    }
    return shared;
  }

  /**
   * A new agent of its own with ACLs on and everything denied by default: only {@code masterToken}
   * (Consul 1.8's {@code acl.tokens.master}, a management token that may do anything) and tokens
   * made with it get anywhere. The agent uses the master token for its own node registration. This
   * helper's {@link #get}/{@link #put}/{@link #delete} send the master token; {@link #registry()}
   * carries it too. Close it when done (the JVM's exit does too).
   *
   * @param masterToken e.g. a random UUID; no quotes or backslashes
   * @throws IllegalStateException if the agent does not start, elect itself and set up its ACLs
   *     within 30 s
   */
  public static ConsulAgent withAcl(String masterToken) {
    if (!masterToken.matches("[A-Za-z0-9-]+")) {
      throw new IllegalArgumentException("test master token must be letters, digits and dashes");
    }
    String acl =
        "acl { enabled = true, default_policy = \"deny\", down_policy = \"extend-cache\","
            + " tokens { master = \""
            + masterToken
            + "\", agent = \""
            + masterToken
            + "\" } }";
    ConsulAgent agent = start(List.of("-hcl", acl), masterToken);
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "consul-acl-test-stop"));
    return agent;
  }

  /**
   * Makes a policy of {@code rules} and a token of that policy only (ACL agents only).
   *
   * @param rules Consul ACL rules (HCL), e.g. the contents of docs/consul-acl-policy.hcl
   * @return the new token's SecretID, to use as a {@code registry.token}
   * @throws IllegalStateException if Consul refuses either
   */
  public String createToken(String rules) {
    String name = "vent-test-" + UUID.randomUUID();
    try {
      ObjectNode policy = JSON.createObjectNode().put("Name", name).put("Rules", rules);
      String policyId =
          JSON.readTree(
                  check(
                      send(
                          request("/v1/acl/policy")
                              .PUT(HttpRequest.BodyPublishers.ofString(policy.toString()))
                              .build())))
              .path("ID")
              .asText();
      ObjectNode token = JSON.createObjectNode().put("Description", name);
      token.putArray("Policies").addObject().put("ID", policyId);
      return JSON.readTree(
              check(
                  send(
                      request("/v1/acl/token")
                          .PUT(HttpRequest.BodyPublishers.ofString(token.toString()))
                          .build())))
          .path("SecretID")
          .asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The ACL policy docs/SECURITY.md documents for Vent, read from docs/consul-acl-policy.hcl (tests
   * run in their module's folder, one level below the repository root).
   *
   * @throws IllegalStateException if the file cannot be read
   */
  public static String ventPolicy() {
    Path file = Path.of("..", "docs", "consul-acl-policy.hcl");
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file.toAbsolutePath(), e);
    }
  }

  private static String check(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "Consul answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  public int httpPort() {
    return httpPort;
  }

  /** Settings pointing at this agent, with its master token if it has ACLs on. */
  public RegistrySettings registry() {
    RegistrySettings settings = new RegistrySettings();
    settings.port = httpPort;
    settings.token = token;
    return settings;
  }

  /** GET on Consul's HTTP API, e.g. {@code /v1/health/service/x?passing=true}; returns the body. */
  public String get(String pathAndQuery) {
    return send(request(pathAndQuery).GET().build()).body();
  }

  /**
   * GET with another token (empty: none), for checking what ACLs allow.
   *
   * @return the HTTP status and body
   */
  public HttpResponse<String> getAs(String token, String pathAndQuery) {
    return send(request(pathAndQuery, token).GET().build());
  }

  /**
   * PUT on Consul's HTTP API, e.g. {@code /v1/kv/some/key} with the value as body; returns the
   * body.
   */
  public String put(String path, String body) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)).build()).body();
  }

  /** DELETE on Consul's HTTP API, e.g. {@code /v1/kv/some/key}; returns the body. */
  public String delete(String path) {
    return send(request(path).DELETE().build()).body();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return request(pathAndQuery, token);
  }

  private HttpRequest.Builder request(String pathAndQuery, String withToken) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + pathAndQuery))
            .timeout(Duration.ofSeconds(5));
    if (!withToken.isEmpty()) {
      builder.header("X-Consul-Token", withToken);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static ConsulAgent start() {
    return start(List.of(), "");
  }

  private static ConsulAgent start(List<String> extraArgs, String token) {
    String binary = System.getenv().getOrDefault("VENT_CONSUL_BIN", "consul");
    int http = RedisServer.freePort();
    try {
      Path dir = Files.createTempDirectory("vent-consul-test");
      List<String> command =
          new ArrayList<>(
              List.of(
                  binary,
                  "agent",
                  "-dev",
                  "-node",
                  "vent-test",
                  "-bind",
                  "127.0.0.1",
                  "-client",
                  "127.0.0.1",
                  "-advertise",
                  "127.0.0.1",
                  "-http-port",
                  String.valueOf(http),
                  "-dns-port",
                  "-1",
                  "-grpc-port",
                  "-1",
                  "-server-port",
                  String.valueOf(RedisServer.freePort()),
                  "-serf-lan-port",
                  String.valueOf(RedisServer.freePort()),
                  "-serf-wan-port",
                  String.valueOf(RedisServer.freePort())));
      command.addAll(extraArgs);
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("consul.log").toFile())
              .start();
      ConsulAgent agent = new ConsulAgent(p, http, token);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException("consul exited, see " + dir.resolve("consul.log"));
        }
        try {
          // With ACLs, the leader inserts the master token a moment after its election.
          if (agent.get("/v1/status/leader").strip().matches("\"[^\"]+\"")
              && (token.isEmpty()
                  || agent.getAs(token, "/v1/acl/token/self").statusCode() == 200)) {
            return agent;
          }
        } catch (IllegalStateException notYet) {
          // not listening yet
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
      p.destroyForcibly();
      throw new IllegalStateException(
          "consul elected no leader within 30 s, see " + dir.resolve("consul.log"));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start " + binary + " (run ./vent test, which installs consul)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the agent (the shared one is stopped at JVM exit). Idempotent. */
  @Override
  public void close() {
    TestProcesses.stop(process, Duration.ofSeconds(10));
  }
}
