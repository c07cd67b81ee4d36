package vent.web.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentinel rules of a test stack: in Consul KV ({@code <kv.sentinelRules>/<app>/<type>}) and as
 * each process's command port reports them, and commands sent the way the dashboard sends them.
 */
final class SentinelRules {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private final Stack stack;

  SentinelRules(Stack stack) {
    this.stack = stack;
  }

  /** Command port of a launcher process name: web, user-1, relation-2, ... */
  int commandPort(String process) {
    return stack.commandPort(process);
  }

  String key(String application, String type) {
    return stack.settings().topology().kv().sentinelRules() + "/" + application + "/" + type;
  }

  /** Writes a rule list to Consul KV, as an operator's {@code consul kv put} would. */
  void put(String application, String type, String json) {
    HttpResponse<String> r =
        send(
            stack
                .consulClient()
                .request(URI.create(stack.consul() + "/v1/kv/" + key(application, type)))
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    if (r.statusCode() != 200 || !r.body().strip().equals("true")) {
      throw new IllegalStateException("consul kv put failed: " + r.statusCode() + " " + r.body());
    }
  }

  /** The raw value of a KV key, or null when absent. */
  String get(String application, String type) {
    HttpResponse<String> r =
        send(
            stack
                .consulClient()
                .request(URI.create(stack.consul() + "/v1/kv/" + key(application, type) + "?raw"))
                .build());
    return r.statusCode() == 404 ? null : r.body();
  }

  /** {@code GET /getRules?type=...} on a process's command port, as the dashboard reads rules. */
  String rulesOn(String process, String type) {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + commandPort(process) + "/getRules?type=" + type))
                .build());
    return r.body();
  }

  /**
   * {@code POST /setRules}, form-encoded {@code type} and {@code data}, exactly as the dashboard
   * pushes.
   */
  String setRules(String process, String type, String json) {
    String form =
        "type="
            + URLEncoder.encode(type, StandardCharsets.UTF_8)
            + "&data="
            + URLEncoder.encode(json, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + commandPort(process) + "/setRules"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    return r.body();
  }

  /**
   * Waits until {@code process} reports rules of {@code type} containing {@code marker}; returns ms
   * waited.
   */
  long awaitOn(String process, String type, String marker, Duration timeout) {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last = rulesOn(process, type);
        if (last.contains(marker)) {
          return (System.nanoTime() - t0) / 1_000_000;
        }
      } catch (IllegalStateException notListening) {
        last = notListening.getMessage();
      }
      sleep(50);
    }
    throw new AssertionError(
        process
            + " did not report "
            + type
            + " rules containing "
            + marker
            + " within "
            + timeout
            + "; last answer: "
            + last);
  }

  /** Puts {@code json} back at the key, or deletes the key when {@code json} is null. */
  void putBack(String application, String type, String json) {
    if (json != null) {
      put(application, type, json);
      return;
    }
    stack.consulClient().kvDelete(key(application, type));
  }

  /**
   * Waits until {@code process} reports the rules of {@code type} that {@code json} (a rule list as
   * in Consul KV; null: none) holds: the same resources with the same thresholds.
   */
  void awaitInForce(String process, String type, String json, Duration timeout) {
    String expected = json == null ? "" : thresholds(json);
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last = thresholds(rulesOn(process, type));
        if (last.equals(expected)) {
          return;
        }
      } catch (IllegalStateException notListening) {
        last = notListening.getMessage();
      }
      sleep(100);
    }
    throw new AssertionError(
        process + " " + type + " rules: expected [" + expected + "], last [" + last + "]");
  }

  /** "resource=count" of every rule of a JSON list, sorted: what two forms of a list share. */
  private static String thresholds(String json) {
    try {
      List<String> out = new ArrayList<>();
      for (JsonNode rule : Rest.JSON.readTree(json)) {
        out.add(rule.path("resource").asText() + "=" + rule.path("count").asDouble());
      }
      out.sort(null);
      return String.join(",", out);
    } catch (IOException e) {
      throw new IllegalStateException("not a rule list: " + json, e);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
