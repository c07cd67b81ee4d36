package vent.web.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import vent.common.config.RegistrySettings;
import vent.common.consul.ConsulClients;

/**
 * The two reads of Consul's HTTP API the health checks make, with the configured ACL token in the
 * {@code X-Consul-Token} header (never in the URL, which error messages show).
 */
public final class ConsulHttp {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final ObjectMapper json;
  private final String base;
  private final String token;

  /**
   * @param registry where Consul's HTTP API is, and its ACL token (may be empty)
   */
  public ConsulHttp(RegistrySettings registry, ObjectMapper json) {
    this.base = registry.httpBase();
    this.token = registry.tokenValue();
    this.json = json;
  }

  /**
   * GET /v1/status/leader.
   *
   * @return the Raft leader's address ({@code "127.0.0.1:8300"}), empty when there is none
   * @throws IOException when Consul does not answer 200 within 2 s
   */
  public String leader() throws IOException, InterruptedException {
    String body = get("/v1/status/leader");
    JsonNode node = json.readTree(body);
    return node.isTextual() ? node.asText() : "";
  }

  /**
   * GET /v1/health/service/NAME?passing=true, counting provider instances only (see {@link
   * #isProvider}).
   *
   * @return how many passing provider instances Consul lists under {@code service}; 0 also when the
   *     token may not read the service (Consul's ACLs filter it out rather than refuse)
   * @throws IOException when Consul does not answer 200 within 2 s (403: the token is unknown)
   */
  public int passingProviders(String service) throws IOException, InterruptedException {
    String body =
        get(
            "/v1/health/service/"
                + URLEncoder.encode(service, StandardCharsets.UTF_8)
                + "?passing=true");
    int count = 0;
    for (JsonNode entry : json.readTree(body)) {
      JsonNode svc = entry.path("Service");
      if (isProvider(svc)) {
        count++;
      }
    }
    return count;
  }

  /**
   * A provider instance: not on port 0 (where a Dubbo reference that names the {@code tri} protocol
   * registers its consumer) and, when a {@code side=...} tag or {@code side} meta entry is present,
   * side provider.
   */
  static boolean isProvider(JsonNode service) {
    if (service.path("Port").asInt(0) == 0) {
      return false;
    }
    for (JsonNode tag : service.path("Tags")) {
      if (tag.asText().startsWith("side=")) {
        return tag.asText().equals("side=provider");
      }
    }
    String side = service.path("Meta").path("side").asText("");
    return side.isEmpty() || side.equals("provider");
  }

  private String get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(TIMEOUT).GET();
    if (!token.isEmpty()) {
      request.header(ConsulClients.TOKEN_HEADER, token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("Consul answered " + response.statusCode() + " to " + pathAndQuery);
    }
    return response.body();
  }
}
