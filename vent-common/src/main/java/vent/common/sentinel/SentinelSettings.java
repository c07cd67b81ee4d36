package vent.common.sentinel;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * How a Vent process runs Sentinel.
 *
 * <p>YAML shape: {@code {enabled: true, commandHost: 127.0.0.1, commandPort: ${VENT_SENTINEL_PORT},
 * dashboard: "", logDir: "", kvPrefix: ${VENT_SENTINEL_KV_PREFIX}}}. The command port and the KV
 * prefix have no default: the launcher's, from stack/local.yml.
 */
public class SentinelSettings {
  /** False: no rules, no transport, no limits (for measuring Sentinel's cost). */
  @JsonProperty public boolean enabled = true;

  /**
   * Address the command port binds to and the IP the dashboard heartbeat advertises: one address (a
   * wildcard such as 0.0.0.0 is refused), loopback unless a dashboard on another host must reach
   * this process.
   */
  @JsonProperty public String commandHost = "127.0.0.1";

  /**
   * Sentinel's command port (the transport), 1-65535; distinct per process on one host (no fallback
   * to the next port).
   */
  @Min(value = 1, message = "must be 1-65535")
  @Max(value = 65535, message = "must be 1-65535")
  @JsonProperty
  public int commandPort;

  /** Sentinel dashboard {@code host:port}; empty means no heartbeat. */
  @JsonProperty public String dashboard = "";

  /** Where Sentinel writes its own logs; empty means {@code <java.io.tmpdir>/vent-sentinel}. */
  @JsonProperty public String logDir = "";

  /** Consul KV prefix of the rules: {@code <kvPrefix>/<application>/<type>}. */
  @NotBlank(message = "must be set")
  @JsonProperty
  public String kvPrefix;
}
