package vent.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import vent.common.sentinel.SentinelSettings;

/**
 * Configuration every provider has; a provider's own configuration class extends it with its
 * own section.
 *
 * <p>YAML shape: {@code {application: vent-provider-user, server: ServerSettings,
 * registry: RegistrySettings, redis: RedisSettings, consumerTimeoutMs: 3000,
 * sentinel: SentinelSettings, tls: TlsSettings, callers: CallerSettings, events: EventSettings}}.
 */
public class ProviderConfig {
  /** Dubbo application name, also the name operators see in logs and dashboards. */
  @JsonProperty public String application;
  @JsonProperty public ServerSettings server = new ServerSettings();
  @JsonProperty public RegistrySettings registry = new RegistrySettings();
  @JsonProperty public RedisSettings redis = new RedisSettings();
  /** Per-call timeout of the Dubbo references this process holds (if any), milliseconds. */
  @JsonProperty public int consumerTimeoutMs = 3000;
  /** Sentinel: rules from Consul KV, the command port, the dashboard. */
  @JsonProperty public SentinelSettings sentinel = new SentinelSettings();
  /** Triple over mutual TLS (between hosts); off by default. */
  @JsonProperty public TlsSettings tls = new TlsSettings();
  /** Caller authentication between Vent processes (secrets never logged). */
  @JsonProperty public CallerSettings callers = new CallerSettings();
  /** Domain event streams: trimming and consumer groups. */
  @JsonProperty public EventSettings events = new EventSettings();

  /**
   * Checks what the YAML binding cannot. A provider's own configuration overrides this, calls
   * {@code super.validate()} first, then checks its own section.
   *
   * @throws IllegalArgumentException naming the first bad setting
   */
  public void validate() {
    if (application == null || application.isBlank()) {
      throw new IllegalArgumentException("application must be set");
    }
    if (server.port < 1 || server.port > 65535) {
      throw new IllegalArgumentException("server.port must be 1-65535, got " + server.port);
    }
    if (redis.address == null || redis.address.isBlank()) {
      throw new IllegalArgumentException("redis.address must be set");
    }
    tls.validate();
    if (redis.password == null) {
      // An empty ${VENT_REDIS_PASSWORD:-} can reach YAML as null.
      redis.password = "";
    }
  }
}
