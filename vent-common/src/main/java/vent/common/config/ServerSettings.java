package vent.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How a provider serves Dubbo Triple.
 *
 * <p>YAML shape: {@code {port: ${VENT_PORT}, loopbackOnly: true, drainMs: 2000, shutdownWaitMs:
 * 10000, warmupMs: 0, threads: 64, accessLog: false}}.
 */
public class ServerSettings {
  /** The Triple (HTTP/2) port; no default: the launcher's, from stack/local.yml. */
  @Min(value = 1, message = "must be 1-65535")
  @Max(value = 65535, message = "must be 1-65535")
  @JsonProperty
  public int port;

  /**
   * Register and call on 127.0.0.1 only: hides every non-loopback network interface from Dubbo
   * ({@link vent.common.dubbo.LoopbackNetwork}). True for a one-machine stack; false between hosts.
   */
  @JsonProperty public boolean loopbackOnly = true;

  /**
   * On SIGTERM: milliseconds to keep serving after deregistering from Consul, so consumers learn of
   * the change before the port closes.
   */
  @JsonProperty public int drainMs = 2000;

  /** Then: milliseconds to wait for in-flight calls before closing anyway. */
  @JsonProperty public int shutdownWaitMs = 10000;

  /** Dubbo's load-balancing warm-up of a new provider, milliseconds (Dubbo's default is 10 min). */
  @JsonProperty public int warmupMs = 0;

  /** Size of the provider's business thread pool. */
  @JsonProperty public int threads = 64;

  /**
   * Log one line per served call (logger {@code vent.access}: service, method, caller, ms, status;
   * never the arguments); for debugging and tests.
   */
  @JsonProperty public boolean accessLog = false;
}
