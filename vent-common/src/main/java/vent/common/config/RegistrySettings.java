package vent.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where the Consul agent is.
 *
 * <p>YAML shape: {@code {host: 127.0.0.1, port: 8500}}.
 */
public class RegistrySettings {
  @JsonProperty public String host = "127.0.0.1";
  /** Consul's HTTP API port. */
  @JsonProperty public int port = 8500;

  /**
   * @return the Dubbo registry address, {@code vent-consul://host:port}: Consul through
   *     {@link vent.common.dubbo.ResilientConsulRegistry}, whose watches survive Consul outages
   */
  public String dubboAddress() {
    return vent.common.dubbo.ResilientConsulRegistryFactory.NAME + "://" + host + ":" + port;
  }

  /** @return the base URL of Consul's HTTP API, e.g. {@code http://127.0.0.1:8500} */
  public String httpBase() {
    return "http://" + host + ":" + port;
  }
}
