package vent.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where Redis is and how to talk to it.
 *
 * <p>YAML shape: {@code {address: redis://127.0.0.1:6379, password: "", database: 0,
 * connectionPoolSize: 16, timeoutMs: 3000}}.
 */
public class RedisSettings {
  /** {@code redis://host:port} (or {@code rediss://} for TLS). */
  @JsonProperty public String address = "redis://127.0.0.1:6379";
  /** Empty for none. Never logged. */
  @JsonProperty public String password = "";
  /** Empty for the default user; with {@link #password} selects a Redis 6+ ACL user. */
  @JsonProperty public String username = "";
  @JsonProperty public int database = 0;
  /** Connections kept open per Redis node. */
  @JsonProperty public int connectionPoolSize = 16;
  /** Response timeout of one Redis command, milliseconds. */
  @JsonProperty public int timeoutMs = 3000;
}
