package vent.web.it.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends {@link FuzzRequest}s to vent-web over HTTP/1.1 exactly as described, headers included. */
public final class FuzzClient {

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;

  /**
   * @param base the API base, e.g. {@code http://127.0.0.1:18080/api/v1}
   */
  public FuzzClient(String base) {
    this.base = base;
  }

  /**
   * The body as is; a body past the size limit goes chunked every other time (by its length's
   * parity, so a replay sends it the same way): then no Content-Length warns vent-web, and its
   * limit must trip while reading.
   */
  private static HttpRequest.BodyPublisher publisher(FuzzRequest r) {
    if (r.body() == null) {
      return HttpRequest.BodyPublishers.noBody();
    }
    HttpRequest.BodyPublisher sized = HttpRequest.BodyPublishers.ofByteArray(r.body());
    return r.body().length > Bodies.MAX_BODY_BYTES && r.body().length % 2 == 0
        ? HttpRequest.BodyPublishers.fromPublisher(sized)
        : sized;
  }

  /** Sends one request; transport failures come back as status 0 with the error. */
  public Outcome send(FuzzRequest r) {
    HttpRequest.Builder b;
    try {
      b =
          HttpRequest.newBuilder(URI.create(base + r.target()))
              .timeout(Duration.ofSeconds(30))
              .method(r.method(), publisher(r));
      if (r.contentType() != null) {
        b.header("Content-Type", r.contentType());
      }
      if (r.authorization() != null) {
        b.header("Authorization", r.authorization());
      }
      b.header(
          "Accept", r.accept() != null ? r.accept() : "application/json, application/problem+json");
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the generator built a request the client cannot send: " + r.describe(), e);
    }
    try {
      HttpResponse<String> answer = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Outcome(
          answer.statusCode(),
          answer.headers().firstValue("Content-Type").orElse(""),
          answer.body(),
          null);
    } catch (IOException e) {
      return new Outcome(0, "", "", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(0, "", "", e.toString());
    }
  }
}
