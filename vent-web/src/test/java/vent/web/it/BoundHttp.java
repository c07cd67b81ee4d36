package vent.web.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * An HTTP client whose connections leave from one loopback address of its own (127.0.0.2,
 * 127.0.0.3, ...): the server sees that address as the connection's, with no {@code
 * X-Forwarded-For}. Linux routes all of 127.0.0.0/8 to the loopback interface, so no setup is
 * needed. Apache HttpClient 5 (the JDK's client cannot choose its source address). Thread-safe;
 * keeps up to {@code maxConnections} connections alive.
 */
final class BoundHttp implements AutoCloseable {

  private final InetAddress local;
  private final CloseableHttpClient client;

  /** An answer: status, body, and the body as JSON when it is JSON (else null). */
  record Answer(
      int status, String contentType, String body, JsonNode json, Map<String, String> headers) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /**
   * @param localAddress the source address, e.g. {@code 127.0.0.7}
   */
  BoundHttp(String localAddress, int maxConnections) {
    try {
      this.local = InetAddress.getByName(localAddress);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(localAddress, e);
    }
    if (!local.isLoopbackAddress()) {
      throw new IllegalArgumentException("not a loopback address: " + localAddress);
    }
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(maxConnections)
            .setMaxConnPerRoute(maxConnections)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.ofSeconds(5))
                    .setSocketTimeout(Timeout.ofSeconds(20))
                    .build())
            .build();
    this.client =
        HttpClients.custom()
            .setConnectionManager(pool)
            .setRoutePlanner(
                new DefaultRoutePlanner(null) {
                  @Override
                  protected InetAddress determineLocalAddress(
                      HttpHost firstHop, HttpContext context) {
                    return local;
                  }
                })
            .setDefaultRequestConfig(
                RequestConfig.custom().setResponseTimeout(20, TimeUnit.SECONDS).build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .build();
  }

  /** The source address of this client's connections. */
  String localAddress() {
    return local.getHostAddress();
  }

  /**
   * @param url absolute, e.g. {@code http://127.0.0.1:18080/api/v1/users/1}
   * @param json request body, or null for none
   * @param headers extra request headers (e.g. {@code Authorization}, a forged {@code
   *     X-Forwarded-For})
   * @throws IllegalStateException the request could not be sent or answered
   */
  Answer send(String method, String url, String json, Map<String, String> headers) {
    HttpUriRequestBase request = new HttpUriRequestBase(method, java.net.URI.create(url));
    request.setHeader("Accept", "application/json, application/problem+json");
    headers.forEach(request::setHeader);
    if (json != null) {
      request.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
    }
    try {
      return client.execute(
          request,
          response -> {
            String body =
                response.getEntity() == null
                    ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            Header type = response.getFirstHeader("Content-Type");
            String contentType = type == null ? "" : type.getValue();
            JsonNode parsed =
                !body.isEmpty() && contentType.contains("json") ? Rest.JSON.readTree(body) : null;
            Map<String, String> all = new java.util.HashMap<>();
            for (Header h : response.getHeaders()) {
              all.putIfAbsent(h.getName().toLowerCase(java.util.Locale.ROOT), h.getValue());
            }
            return new Answer(response.getCode(), contentType, body, parsed, all);
          });
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + url + " from " + localAddress() + ": " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // Closing pooled loopback connections; nothing to recover.
    }
  }
}
