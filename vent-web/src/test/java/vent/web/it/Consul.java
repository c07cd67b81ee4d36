package vent.web.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import vent.stack.Topology;

/**
 * Reads a test stack's Consul catalog and writes its KV store over its HTTP API, as an operator
 * would: with the management token the launcher generated (the stack's Consul denies anonymous
 * requests).
 */
final class Consul {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Stack stack;

  Consul(Stack stack) {
    this.stack = stack;
  }

  /**
   * Ports of the passing provider instances of a service, e.g. {@code
   * dev.vent.user.v1.UserService}.
   *
   * @throws IllegalStateException when Consul does not answer
   */
  List<Integer> passingPorts(String service) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              request(
                      URI.create(
                          stack.consul() + "/v1/health/service/" + service + "?passing=true"))
                  .build(),
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

  /**
   * Waits until every provider service of the stack's topology has {@code instances} passing
   * instances.
   *
   * @return the wall-clock time (epoch ms) when they all had
   * @throws AssertionError if they have not within {@code timeout}
   */
  long awaitAllPassing(int instances, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (true) {
      boolean all = true;
      try {
        StringBuilder seen = new StringBuilder();
        for (Topology.Provider provider : stack.settings().topology().providers()) {
          String service = provider.service();
          int passing = passingPorts(service).size();
          seen.append(service).append('=').append(passing).append(' ');
          all &= passing == instances;
        }
        last = seen.toString();
      } catch (IllegalStateException consulNotAnswering) {
        all = false;
        last = "Consul not answering: " + consulNotAnswering.getMessage();
      }
      if (all) {
        return System.currentTimeMillis();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "providers not all passing in Consul within " + timeout + "; last seen: " + last);
      }
      SentinelRules.sleep(250);
    }
  }

  /** Puts {@code value} at KV {@code key} (e.g. {@code <kv.config>/global/captcha.ttl-seconds}). */
  void kvPut(String key, String value) {
    send(
        request(URI.create(stack.consul() + "/v1/kv/" + key))
            .PUT(HttpRequest.BodyPublishers.ofString(value))
            .build());
  }

  /** Deletes KV {@code key}; absent keys are fine. */
  void kvDelete(String key) {
    send(request(URI.create(stack.consul() + "/v1/kv/" + key)).DELETE().build());
  }

  /**
   * @return the value at KV {@code key}, or null when absent
   */
  String kvGet(String key) {
    HttpResponse<String> r =
        send(request(URI.create(stack.consul() + "/v1/kv/" + key + "?raw")).build());
    return r.statusCode() == 404 ? null : r.body();
  }

  /** Puts {@code value} at {@code key}, or deletes the key when {@code value} is null. */
  void kvRestore(String key, String value) {
    if (value == null) {
      kvDelete(key);
    } else {
      kvPut(key, value);
    }
  }

  /**
   * The statuses (passing, warning, critical) of every health check of a service's instances, e.g.
   * {@code vent-web}'s readiness check.
   */
  List<String> checkStatuses(String service) {
    HttpResponse<String> r =
        send(request(URI.create(stack.consul() + "/v1/health/checks/" + service)).build());
    try {
      List<String> out = new ArrayList<>();
      for (JsonNode check : Rest.JSON.readTree(r.body())) {
        out.add(check.path("Status").asText());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A request carrying the stack's management token. */
  HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).header("X-Consul-Token", stack.consulToken());
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
