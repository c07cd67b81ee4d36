package vent.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** The few calls of Consul's HTTP API the launcher makes, with its ACL token as a header. */
final class ConsulApi {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int port;
  private final String token;

  ConsulApi(int port, String token) {
    this.port = port;
    this.token = token;
  }

  /** An HTTP answer; status 0 when Consul did not answer. */
  record Answer(int status, String body) {}

  Answer get(String path) {
    return send(request(path).GET());
  }

  Answer put(String path, String body) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * Ready: a leader is elected, a consistent KV read answers (a restarted server refuses those
   * until it has replayed its log; seeding "where absent" before that could overwrite changed
   * keys), and with ACLs the token is known (the leader sets it up a moment after its election).
   */
  boolean ready(String kvPrefix) {
    Answer leader = get("/v1/status/leader");
    if (leader.status() != 200 || !leader.body().matches("\"[^\"]+:[0-9]+\"")) {
      return false;
    }
    int code = get("/v1/kv/" + kvPrefix + "?consistent").status();
    if (code != 200 && code != 404 && code != 403) {
      return false;
    }
    return token.isEmpty() || get("/v1/acl/token/self").status() == 200;
  }

  /** This agent knows a leader (the check of a Consul server; no token needed). */
  boolean hasLeader() {
    Answer leader = get("/v1/status/leader");
    return leader.status() == 200 && leader.body().matches("\"[^\"]+:[0-9]+\"");
  }

  /** Ports of the passing instances of a service, sorted. */
  Set<Integer> passingPorts(String service) {
    Set<Integer> ports = new TreeSet<>();
    Answer a = get("/v1/health/service/" + service + "?passing=true");
    if (a.status() != 200) {
      return ports;
    }
    try {
      for (JsonNode entry : JSON.readTree(a.body())) {
        ports.add(entry.path("Service").path("Port").asInt());
      }
    } catch (IOException e) {
      // Not JSON: no passing instance known.
    }
    return ports;
  }

  /** Check-and-set with index 0: "true" stored, "false" the key exists; else an error text. */
  String putIfAbsent(String key, String value) {
    Answer a = put("/v1/kv/" + key + "?cas=0", value);
    return a.status() == 200 ? a.body().strip() : "HTTP " + a.status() + " " + a.body().strip();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5));
    if (!token.isEmpty()) {
      b.header("X-Consul-Token", token);
    }
    return b;
  }

  private static Answer send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Answer(0, String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, "interrupted");
    }
  }
}
