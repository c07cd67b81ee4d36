package vent.web.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the test stack's Consul catalog and writes its KV store over its HTTP API, as an operator
 * would: with the management token the launcher generated (the stack's Consul denies anonymous
 * requests).
 */
final class Consul {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Consul() {}

  /** Ports of the passing provider instances of a service, e.g. {@code vent.user.v1.UserService}. */
  static List<Integer> passingPorts(String service) {
    try {
      HttpResponse<String> r = HTTP.send(request(
          URI.create(Stack.shared().consul() + "/v1/health/service/" + service + "?passing=true")).build(),
          HttpResponse.BodyHandlers.ofString());
      List<Integer> ports = new ArrayList<>();
      for (JsonNode entry : Rest.JSON.readTree(r.body())) {
        JsonNode svc = entry.get("Service");
        if (svc.get("Tags").toString().contains("side=provider")) {
          ports.add(svc.get("Port").asInt());
        }
      }
      return ports;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Puts {@code value} at KV {@code key} (e.g. {@code vent/config/global/captcha.ttl-seconds}). */
  static void kvPut(String key, String value) {
    send(request(URI.create(Stack.shared().consul() + "/v1/kv/" + key))
        .PUT(HttpRequest.BodyPublishers.ofString(value)).build());
  }

  /** Deletes KV {@code key}; absent keys are fine. */
  static void kvDelete(String key) {
    send(request(URI.create(Stack.shared().consul() + "/v1/kv/" + key)).DELETE().build());
  }

  /** @return the value at KV {@code key}, or null when absent */
  static String kvGet(String key) {
    HttpResponse<String> r = send(request(URI.create(Stack.shared().consul() + "/v1/kv/" + key + "?raw"))
        .build());
    return r.statusCode() == 404 ? null : r.body();
  }

  /** A request carrying the stack's management token. */
  static HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).header("X-Consul-Token", Stack.shared().consulToken());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200 && r.statusCode() != 404) {
        throw new IllegalStateException("Consul answered " + r.statusCode() + ": " + r.body());
      }
      return r;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
