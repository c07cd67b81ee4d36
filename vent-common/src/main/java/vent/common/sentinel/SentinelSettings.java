package vent.common.sentinel;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a Vent process runs Sentinel.
 *
 * <p>YAML shape: {@code {enabled: true, commandHost: 127.0.0.1, commandPort: 8719, dashboard: "",
 * logDir: "", kvPrefix: vent/sentinel}}.
 */
public class SentinelSettings {
  /** False: no rules, no transport, no limits (for measuring Sentinel's cost). */
  @JsonProperty public boolean enabled = true;
  /**
   * Address the command port binds to and the IP the dashboard heartbeat advertises: one address
   * (a wildcard such as 0.0.0.0 is refused), loopback unless a dashboard on another host must
   * reach this process.
   */
  @JsonProperty public String commandHost = "127.0.0.1";
  /** Sentinel's command port (the transport), 1-65535; distinct per process on one host (no fallback to the next port). */
  @JsonProperty public int commandPort = 8719;
  /** Sentinel dashboard {@code host:port}; empty means no heartbeat. */
  @JsonProperty public String dashboard = "";
  /** Where Sentinel writes its own logs; empty means {@code <java.io.tmpdir>/vent-sentinel}. */
  @JsonProperty public String logDir = "";
  /** Consul KV prefix of the rules: {@code <kvPrefix>/<application>/<type>}. */
  @JsonProperty public String kvPrefix = "vent/sentinel";
}
