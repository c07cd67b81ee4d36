package vent.web.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Reads the test stack's Consul catalog over its HTTP API. */
final class Consul {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Consul() {}

  /** Ports of the passing provider instances of a service, e.g. {@code vent.user.v1.UserService}. */
  static List<Integer> passingPorts(String service) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
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
}
