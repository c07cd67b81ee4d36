package vent.web.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** A small JSON-over-HTTP client for the end-to-end tests: real HTTP to vent-web. */
public final class Rest {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String clientIp;

  /**
   * A client with an address of its own (198.18.0.0/15, RFC 2544's benchmarking range), sent as
   * {@code X-Forwarded-For} from 127.0.0.1, which the shared test stack trusts as a proxy ({@code
   * VENT_TRUSTED_PROXIES}), so per-IP limits and login throttling of one test class do not spill
   * into another.
   */
  public Rest(String base) {
    this(
        base,
        "198.18."
            + ThreadLocalRandom.current().nextInt(256)
            + "."
            + (1 + ThreadLocalRandom.current().nextInt(254)));
  }

  /**
   * @param clientIp the address vent-web should see, via {@code X-Forwarded-For}
   */
  public Rest(String base, String clientIp) {
    this.base = base;
    this.clientIp = clientIp;
  }

  /**
   * @return the address this client claims through {@code X-Forwarded-For}
   */
  public String clientIp() {
    return clientIp;
  }

  /**
   * An answer: status, content type, raw body, and the body parsed as JSON (null if none or not
   * JSON).
   */
  public record Response(
      int status, String contentType, String raw, JsonNode json, HttpResponse<String> http) {
    public String header(String name) {
      return http.headers().firstValue(name).orElse(null);
    }
  }

  public static ObjectNode obj(Object... keyValues) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
    }
    return node;
  }

  public Response get(String path, String token) {
    return send("GET", path, null, null, token);
  }

  public Response delete(String path, String token) {
    return send("DELETE", path, null, null, token);
  }

  public Response put(String path, String token) {
    return send("PUT", path, null, null, token);
  }

  public Response post(String path, JsonNode body, String token) {
    return send("POST", path, body.toString(), "application/json", token);
  }

  public Response patch(String path, JsonNode body, String token) {
    return send("PATCH", path, body.toString(), "application/json", token);
  }

  /**
   * Sends a request line as given, over a plain socket: for targets java.net.URI refuses to build
   * (e.g. a broken percent-escape). Returns the status and the body.
   */
  public Response raw(String method, String rawPath) {
    URI base = URI.create(this.base);
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      String request =
          method
              + " "
              + base.getPath()
              + rawPath
              + " HTTP/1.1\r\nHost: "
              + base.getHost()
              + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
      String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      String ct =
          head.lines()
              .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
              .map(l -> l.substring(13).strip())
              .findFirst()
              .orElse("");
      if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
        body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
      }
      return new Response(status, ct, body, ct.contains("json") ? JSON.readTree(body) : null, null);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + rawPath + " failed: " + e, e);
    }
  }

  /** Any request, with a raw body (may be null) and content type (may be null). */
  public Response send(String method, String path, String body, String contentType, String token) {
    return send(
        method, path, body, contentType, token, "application/json, application/problem+json");
  }

  /**
   * As {@link #send(String, String, String, String, String)}, asking for {@code accept} (e.g.
   * {@code text/html} for Swagger UI's page).
   */
  public Response send(
      String method, String path, String body, String contentType, String token, String accept) {
    return send(method, path, body, contentType, token, accept, java.util.Map.of());
  }

  /** As above, with more request headers (e.g. {@code If-None-Match}). */
  public Response send(
      String method,
      String path,
      String body,
      String contentType,
      String token,
      String accept,
      java.util.Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.header("Accept", accept);
    headers.forEach(b::header);
    b.header("X-Forwarded-For", clientIp);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      String ct = r.headers().firstValue("Content-Type").orElse("");
      JsonNode json = null;
      if (!r.body().isEmpty() && ct.contains("json")) {
        json = JSON.readTree(r.body());
      }
      return new Response(r.statusCode(), ct, r.body(), json, r);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
