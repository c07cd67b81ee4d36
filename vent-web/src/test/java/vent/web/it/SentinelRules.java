package vent.web.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sentinel rules of the test stack: in Consul KV ({@code vent/sentinel/<app>/<type>}) and as
 * each process's command port reports them, and commands sent the way the dashboard sends them.
 */
final class SentinelRules {

  static final int PORT_BASE = 18719 + Stack.PORT_SHIFT;

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private SentinelRules() {}

  /** Command port of a launcher process name: web, user-1, relation-2, ... */
  static int commandPort(String process) {
    if (process.equals("web")) {
      return PORT_BASE;
    }
    String[] svcAndIndex = process.split("-");
    int offset = switch (svcAndIndex[0]) {
      case "user" -> 10;
      case "relation" -> 20;
      case "auth" -> 30;
      case "captcha" -> 40;
      default -> throw new IllegalArgumentException(process);
    };
    return PORT_BASE + offset + Integer.parseInt(svcAndIndex[1]) - 1;
  }

  static String key(String application, String type) {
    return "vent/sentinel/" + application + "/" + type;
  }

  /** Writes a rule list to Consul KV, as an operator's {@code consul kv put} would. */
  static void put(String application, String type, String json) {
    HttpResponse<String> r = send(Consul.request(URI.create(Stack.shared().consul() + "/v1/kv/" + key(application, type)))
        .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    if (r.statusCode() != 200 || !r.body().strip().equals("true")) {
      throw new IllegalStateException("consul kv put failed: " + r.statusCode() + " " + r.body());
    }
  }

  /** The raw value of a KV key, or null when absent. */
  static String get(String application, String type) {
    HttpResponse<String> r = send(Consul.request(
        URI.create(Stack.shared().consul() + "/v1/kv/" + key(application, type) + "?raw")).build());
    return r.statusCode() == 404 ? null : r.body();
  }

  /** {@code GET /getRules?type=...} on a process's command port, as the dashboard reads rules. */
  static String rulesOn(String process, String type) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + commandPort(process) + "/getRules?type=" + type)).build());
    return r.body();
  }

  /** {@code POST /setRules}, form-encoded {@code type} and {@code data}, exactly as the dashboard pushes. */
  static String setRules(String process, String type, String json) {
    String form = "type=" + URLEncoder.encode(type, StandardCharsets.UTF_8)
        + "&data=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + commandPort(process) + "/setRules"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    return r.body();
  }

  /** Waits until {@code process} reports rules of {@code type} containing {@code marker}; returns ms waited. */
  static long awaitOn(String process, String type, String marker, Duration timeout) {
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
    throw new AssertionError(process + " did not report " + type + " rules containing " + marker + " within "
        + timeout + "; last answer: " + last);
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
