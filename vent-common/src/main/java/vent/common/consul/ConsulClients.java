package vent.common.consul;

import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.ConsulRawClient;
import java.util.List;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.message.BasicHeader;
import vent.common.config.RegistrySettings;

/**
 * Consul HTTP API clients (consul-api's {@link ConsulClient}) that carry the configured ACL token
 * on every request, for the Consul calls Vent makes itself (Sentinel rules in KV). Dubbo's registry
 * has its own client and gets the token through its registry URL (DubboDefaults).
 */
public final class ConsulClients {

  /** The HTTP header Consul reads the ACL token from. */
  public static final String TOKEN_HEADER = "X-Consul-Token";

  /** Connect and pool-lease timeout, milliseconds (consul-api's default). */
  static final int CONNECT_TIMEOUT_MS = 10_000;

  /**
   * Socket read timeout, milliseconds: longer than any blocking query Vent makes (30 s plus
   * Consul's jitter of up to 1/16 of it), so only a Consul that stops answering trips it.
   */
  static final int READ_TIMEOUT_MS = 60_000;

  private ConsulClients() {}

  /**
   * A client of the Consul agent in {@code registry}. With a token, every request sends it in the
   * {@value #TOKEN_HEADER} header: a default header of the HTTP client rather than consul-api's
   * per-call {@code token} argument, so that no call can forget it and the token never appears in a
   * request URL.
   *
   * @param registry where Consul is, and its ACL token (may be empty)
   * @return a client; it holds a connection pool for the life of the process
   */
  public static ConsulClient create(RegistrySettings registry) {
    PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
    // One blocking query per watched key stays open: a few connections per process.
    pool.setMaxTotal(20);
    pool.setDefaultMaxPerRoute(20);
    RequestConfig timeouts =
        RequestConfig.custom()
            .setConnectTimeout(CONNECT_TIMEOUT_MS)
            .setConnectionRequestTimeout(CONNECT_TIMEOUT_MS)
            .setSocketTimeout(READ_TIMEOUT_MS)
            .build();
    HttpClientBuilder http =
        HttpClientBuilder.create().setConnectionManager(pool).setDefaultRequestConfig(timeouts);
    if (registry.hasToken()) {
      http.setDefaultHeaders(List.of(new BasicHeader(TOKEN_HEADER, registry.tokenValue())));
    }
    return new ConsulClient(new ConsulRawClient(registry.host, registry.port, http.build()));
  }
}
