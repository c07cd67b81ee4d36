package vent.common.dubbo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.registry.Registry;
import org.apache.dubbo.registry.support.AbstractRegistryFactory;

/**
 * Dubbo registry factory {@value #NAME} (META-INF/dubbo/org.apache.dubbo.registry.RegistryFactory),
 * the one Vent uses for Consul: it builds a {@link ResilientConsulRegistry} (whose consumer watches
 * survive a Consul outage) and hands it the ACL token, if one is configured, without the token ever
 * entering Dubbo's configuration or registry URL.
 *
 * <p>Why not simply the {@code token} parameter dubbo-registry-consul 3.2.0 reads: Dubbo 3.3.6
 * prints the registry configuration, parameters included, and the full registry URL in INFO lines
 * ({@code ConfigManager}, {@code DefaultApplicationDeployer}, {@code RegistryProtocol}), so the
 * token would reach the log of anyone who raises Dubbo's log level. Here the registry URL carries
 * only a meaningless reference ({@value #TOKEN_REF_KEY}); this factory swaps it for the token when
 * it builds the registry, which then sends the token with each of its Consul calls.
 */
public final class VentConsulRegistryFactory extends AbstractRegistryFactory {

  /** The registry protocol (URL scheme) of this factory. */
  public static final String NAME = "vent-consul";

  /** Registry URL parameter naming the token in this JVM's {@link #reference} table. */
  static final String TOKEN_REF_KEY = "vent-token-ref";

  /** The parameter dubbo-registry-consul's ConsulRegistry reads the ACL token from. */
  static final String CONSUL_TOKEN_KEY = "token";

  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
  private static final Map<String, String> REFERENCES = new ConcurrentHashMap<>();

  /**
   * @param token a Consul ACL token (SecretID), not blank
   * @return the reference to put in a {@value #NAME} registry URL as {@value #TOKEN_REF_KEY}; the
   *     same for the same token, and telling nothing about it
   */
  static synchronized String reference(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("no Consul ACL token to refer to");
    }
    return REFERENCES.computeIfAbsent(
        token,
        t -> {
          String ref = "t" + (REFERENCES.size() + 1);
          TOKENS.put(ref, t);
          return ref;
        });
  }

  /**
   * @throws IllegalStateException if the URL names a token reference unknown to this JVM (a {@value
   *     #NAME} registry configured without {@link DubboDefaults})
   */
  @Override
  protected Registry createRegistry(URL url) {
    String ref = url.getParameter(TOKEN_REF_KEY);
    URL target = url.setProtocol("consul").removeParameter(TOKEN_REF_KEY);
    if (ref != null) {
      String token = TOKENS.get(ref);
      if (token == null) {
        throw new IllegalStateException(
            "registry "
                + url.getAddress()
                + ": no Consul ACL token for "
                + TOKEN_REF_KEY
                + "="
                + ref
                + " (configure it through registry.token)");
      }
      target = target.addParameter(CONSUL_TOKEN_KEY, token);
    }
    return new ResilientConsulRegistry(target);
  }
}
