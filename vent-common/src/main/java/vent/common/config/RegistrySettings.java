package vent.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Where the Consul agent is, and the ACL token to show it.
 *
 * <p>YAML shape: {@code {host: 127.0.0.1, port: ${VENT_CONSUL_PORT}, token: ""}}. The shipped
 * configs read the port from {@code VENT_CONSUL_PORT} (no default: the launcher's, from
 * stack/local.yml) and the token from {@code VENT_CONSUL_TOKEN}; docs/SECURITY.md lists the ACL
 * policy it needs.
 */
public class RegistrySettings {
  @JsonProperty public String host = "127.0.0.1";

  /** Consul's HTTP API port. */
  @Min(value = 1, message = "must be 1-65535")
  @Max(value = 65535, message = "must be 1-65535")
  @JsonProperty
  public int port;

  /**
   * Consul ACL token (the token's SecretID) sent with every Consul request of this process: Dubbo
   * registration and discovery, the Sentinel rules in KV, vent-web's health checks. Empty (or null)
   * for none, which only works while Consul's ACLs are off or its anonymous token allows what Vent
   * does. Never logged: not part of {@link #dubboAddress()}, {@link #httpBase()} or {@link
   * #toString()}.
   */
  @JsonProperty public String token = "";

  /**
   * @return the Dubbo registry address, {@code vent-consul://host:port}: Consul through {@link
   *     vent.common.dubbo.ResilientConsulRegistry}, whose watches survive Consul outages (the token
   *     goes separately)
   */
  public String dubboAddress() {
    return vent.common.dubbo.VentConsulRegistryFactory.NAME + "://" + host + ":" + port;
  }

  /**
   * @return the base URL of Consul's HTTP API, {@code http://host:port}
   */
  public String httpBase() {
    return "http://" + host + ":" + port;
  }

  /**
   * @return whether a token is configured (not null, not blank)
   */
  public boolean hasToken() {
    return token != null && !token.isBlank();
  }

  /**
   * @return the token without surrounding white space; empty when there is none
   */
  public String tokenValue() {
    return hasToken() ? token.strip() : "";
  }

  /**
   * @return {@code host:port} and whether a token is set, never the token itself
   */
  @Override
  public String toString() {
    return host + ":" + port + (hasToken() ? " (ACL token set)" : " (no ACL token)");
  }
}
